# boto3 against cognito-server: admin setup signed with SigV4, sign-up, confirmation with the
# code from the outbox, USER_PASSWORD_AUTH, a wrong password, and a badly signed admin call.
# Usage: python boto3_check.py DATA_DIR   (prints OK on success)
import json, sys, boto3, botocore
data = sys.argv[1]
cfg = json.load(open(f"{data}/auth-config.json"))
creds = json.load(open(f"{data}/admin-credentials.json"))
url = cfg["aws_user_pools_endpoint"]
idp = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=url,
                   aws_access_key_id=creds["aws_access_key_id"], aws_secret_access_key=creds["aws_secret_access_key"])
pool = idp.create_user_pool(PoolName="boto", AutoVerifiedAttributes=["email"])["UserPool"]
print("pool", pool["Id"], pool["CreationDate"])
client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="c", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
print("client", client["ClientId"])
print(len(idp.list_user_pools(MaxResults=10)["UserPools"]), "pools")
r = idp.sign_up(ClientId=client["ClientId"], Username="bob", Password="Passw0rd!", UserAttributes=[{"Name":"email","Value":"bob@example.com"}])
print("signup", r["UserConfirmed"], r["CodeDeliveryDetails"])
import urllib.request
outbox = json.load(urllib.request.urlopen(url + "/_local/outbox"))
code = [e for e in outbox if e["username"] == "bob" and e["pool_id"] == pool["Id"]][-1]["code"]
idp.confirm_sign_up(ClientId=client["ClientId"], Username="bob", ConfirmationCode=code)
t = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME":"bob","PASSWORD":"Passw0rd!"})
print("tokens", sorted(t["AuthenticationResult"].keys()))
print("get_user", idp.get_user(AccessToken=t["AuthenticationResult"]["AccessToken"])["Username"])
try:
    idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME":"bob","PASSWORD":"wrong"})
except idp.exceptions.NotAuthorizedException as e:
    print("wrong password ->", e.response["Error"])
u = idp.admin_get_user(UserPoolId=pool["Id"], Username="bob")
print("admin_get_user", u["UserStatus"], u["UserCreateDate"])
print("list_users", [x["Username"] for x in idp.list_users(UserPoolId=pool["Id"], Filter='email = "bob@example.com"')["Users"]])
backend = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="backend", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"])["UserPoolClient"]
a = idp.admin_initiate_auth(UserPoolId=pool["Id"], ClientId=backend["ClientId"], AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters={"USERNAME":"bob","PASSWORD":"Passw0rd!"})
print("admin_initiate_auth", sorted(a["AuthenticationResult"].keys()))
idp.admin_create_user(UserPoolId=pool["Id"], Username="carl", TemporaryPassword="Temp0rary!", MessageAction="SUPPRESS")
idp.admin_set_user_password(UserPoolId=pool["Id"], Username="carl", Password="Passw0rd!", Permanent=True)
idp.admin_disable_user(UserPoolId=pool["Id"], Username="carl"); idp.admin_enable_user(UserPoolId=pool["Id"], Username="carl")
idp.admin_user_global_sign_out(UserPoolId=pool["Id"], Username="carl")
idp.admin_delete_user(UserPoolId=pool["Id"], Username="carl")
bad = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=url, aws_access_key_id=creds["aws_access_key_id"], aws_secret_access_key="nope")
try:
    bad.list_user_pools(MaxResults=10)
except botocore.exceptions.ClientError as e:
    print("bad secret ->", e.response["Error"]["Code"])
idp.delete_user_pool(UserPoolId=pool["Id"])
print("OK")

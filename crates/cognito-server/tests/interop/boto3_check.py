# boto3 against cognito-server: admin setup signed with SigV4, sign-up, confirmation with the
# code from the outbox, USER_PASSWORD_AUTH, a wrong password, a badly signed admin call, the hosted
# UI's admin operations (domain, OAuth client settings, identity providers) and identity pools
# (pool admin, guest and user pool logins, developer-authenticated identities).
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
# Hosted UI set-up as the AWS docs do it: a domain, OAuth settings on a client, a social provider.
idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain="boto-" + pool["Id"].split("_")[1].lower())
assert idp.describe_user_pool_domain(Domain="boto-" + pool["Id"].split("_")[1].lower())["DomainDescription"]["UserPoolId"] == pool["Id"]
idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google",
    ProviderDetails={"client_id": "local-google-client", "client_secret": "local-google-secret", "authorize_scopes": "openid email profile"},
    AttributeMapping={"email": "email", "username": "sub"})
assert [p["ProviderName"] for p in idp.list_identity_providers(UserPoolId=pool["Id"], MaxResults=10)["Providers"]] == ["Google"]
assert idp.describe_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")["IdentityProvider"]["ProviderType"] == "Google"
try:
    idp.create_identity_provider(UserPoolId=pool["Id"], ProviderName="Google", ProviderType="Google", ProviderDetails={"client_id": "x", "client_secret": "y", "authorize_scopes": "openid"})
    raise SystemExit("a second Google provider was accepted")
except idp.exceptions.DuplicateProviderException as e:
    print("duplicate provider ->", e.response["Error"]["Code"])
updated = idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],
    CallbackURLs=["http://localhost:8080/"], LogoutURLs=["http://localhost:8080/"], AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid","email"],
    AllowedOAuthFlowsUserPoolClient=True, SupportedIdentityProviders=["COGNITO","Google"])["UserPoolClient"]
assert updated["AllowedOAuthFlows"] == ["code"] and updated["SupportedIdentityProviders"] == ["COGNITO", "Google"], updated
try:
    idp.update_user_pool_client(UserPoolId=pool["Id"], ClientId=client["ClientId"], SupportedIdentityProviders=["Nope"])
    raise SystemExit("an unknown identity provider was accepted")
except botocore.exceptions.ClientError as e:
    print("unknown provider ->", e.response["Error"]["Code"])
idp.delete_identity_provider(UserPoolId=pool["Id"], ProviderName="Google")

# Identity pools: admin calls signed, GetId and GetCredentialsForIdentity unsigned as Amplify does.
ci = boto3.client("cognito-identity", region_name="us-east-1", endpoint_url=url,
                  aws_access_key_id=creds["aws_access_key_id"], aws_secret_access_key=creds["aws_secret_access_key"])
issuer = f"cognito-idp.us-east-1.amazonaws.com/{pool['Id']}"
ipool = ci.create_identity_pool(IdentityPoolName="boto", AllowUnauthenticatedIdentities=True, DeveloperProviderName="login.boto.dev",
    CognitoIdentityProviders=[{"ProviderName": issuer, "ClientId": client["ClientId"]}])
assert ipool["IdentityPoolId"].startswith("us-east-1:") and ci.describe_identity_pool(IdentityPoolId=ipool["IdentityPoolId"])["IdentityPoolName"] == "boto"
guest = ci.get_id(IdentityPoolId=ipool["IdentityPoolId"])["IdentityId"]
c = ci.get_credentials_for_identity(IdentityId=guest)["Credentials"]
assert c["AccessKeyId"].startswith("ASIA") and c["SessionToken"] and c["Expiration"].year >= 2026, c
t = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME":"bob","PASSWORD":"Passw0rd!"})
logins = {issuer: t["AuthenticationResult"]["IdToken"]}
bob_id = ci.get_id(IdentityPoolId=ipool["IdentityPoolId"], Logins=logins)["IdentityId"]
assert bob_id == ci.get_id(IdentityPoolId=ipool["IdentityPoolId"], Logins=logins)["IdentityId"] and bob_id != guest
assert ci.get_credentials_for_identity(IdentityId=bob_id, Logins=logins)["Credentials"]["AccessKeyId"].startswith("ASIA")
dev = ci.get_open_id_token_for_developer_identity(IdentityPoolId=ipool["IdentityPoolId"], Logins={"login.boto.dev": "user-42"})
assert dev["Token"].count(".") == 2 and ci.get_open_id_token(IdentityId=dev["IdentityId"], Logins={"cognito-identity.amazonaws.com": dev["Token"]})["IdentityId"] == dev["IdentityId"]
try:
    ci.get_id(IdentityPoolId=ipool["IdentityPoolId"], Logins={"accounts.google.com": "not-a-token"})
    raise SystemExit("a malformed login token was accepted")
except ci.exceptions.NotAuthorizedException as e:
    print("bad login ->", e.response["Error"]["Code"])
ci.delete_identity_pool(IdentityPoolId=ipool["IdentityPoolId"])
try:
    ci.describe_identity_pool(IdentityPoolId=ipool["IdentityPoolId"])
    raise SystemExit("a deleted identity pool is still described")
except ci.exceptions.ResourceNotFoundException as e:
    print("deleted pool ->", e.response["Error"]["Code"])

idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain="boto-" + pool["Id"].split("_")[1].lower())
idp.delete_user_pool(UserPoolId=pool["Id"])
print("OK")

//! The few things that differ between the browser and native: the clock, sleeping, randomness and
//! whether shared values must be `Send`. Everything else in the crate is written once.

use crate::AuthError;

/// `Send + Sync` natively, nothing in the browser (where Yew callbacks hold `Rc`s and there is one
/// thread). Bounds on listeners and stores use it so the same code fits both.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSendSync: Send + Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync + ?Sized> MaybeSendSync for T {}

/// `Send + Sync` natively, nothing in the browser (where Yew callbacks hold `Rc`s and there is one
/// thread). Bounds on listeners and stores use it so the same code fits both.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSendSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSendSync for T {}

/// A shared callback, `Send + Sync` where [`MaybeSendSync`] is.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type SharedFn<A> = std::sync::Arc<dyn Fn(&A) + Send + Sync>;
/// A shared callback, `Send + Sync` where [`MaybeSendSync`] is.
#[cfg(target_arch = "wasm32")]
pub(crate) type SharedFn<A> = std::sync::Arc<dyn Fn(&A)>;

/// A boxed future, `Send` where [`MaybeSendSync`] is. Calling through one keeps a big state machine
/// in one copy in the wasm: polled directly, it is built again into every crate that awaits it.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A boxed future, `Send` where [`MaybeSendSync`] is. Calling through one keeps a big state machine
/// in one copy in the wasm: polled directly, it is built again into every crate that awaits it.
#[cfg(target_arch = "wasm32")]
pub(crate) type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + 'a>>;

/// Milliseconds since the Unix epoch. `SystemTime` panics on wasm32-unknown-unknown, so the browser
/// asks `Date`.
pub(crate) fn now_millis() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0)
    }
}

/// Seconds since the Unix epoch.
pub(crate) fn now_secs() -> i64 {
    now_millis().div_euclid(1000)
}

/// Waits without blocking the thread (the browser has only one).
pub(crate) async fn sleep_millis(millis: u64) {
    #[cfg(target_arch = "wasm32")]
    {
        gloo_timers::future::TimeoutFuture::new(u32::try_from(millis).unwrap_or(u32::MAX)).await;
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        tokio::time::sleep(std::time::Duration::from_millis(millis)).await;
    }
}

/// Bytes from the operating system's (or the browser's) cryptographic generator.
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], AuthError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| AuthError::Random(error.to_string()))?;
    Ok(bytes)
}

/// The page's address in the browser (`location.href`); natively there is none.
pub(crate) fn current_url() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|window| window.location().href().ok())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Sends the browser to `url` (`location.assign`); natively a no-op, the caller gets the URL.
pub(crate) fn navigate(url: &str) -> Result<(), AuthError> {
    #[cfg(target_arch = "wasm32")]
    {
        let window =
            web_sys::window().ok_or_else(|| AuthError::Network("no window to navigate".into()))?;
        window
            .location()
            .assign(url)
            .map_err(|error| AuthError::Network(format!("navigating to {url}: {error:?}")))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = url;
        Ok(())
    }
}

/// A fraction in [0, 1) for backoff jitter.
pub(crate) fn random_fraction() -> f64 {
    random_bytes::<4>()
        .map(|bytes| f64::from(u32::from_le_bytes(bytes)) / (f64::from(u32::MAX) + 1.0))
        .unwrap_or(0.5)
}

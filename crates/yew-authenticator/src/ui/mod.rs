//! Building blocks of every screen: the form frame and labelled fields.

mod field;
mod screen;
mod style;

pub(crate) use field::code_field;
pub use field::{CODE_FIELD, CodeField, CodeFieldProps, Field, FieldProps};
pub use screen::{Screen, ScreenProps, use_field_error};
pub(crate) use style::{CONTROL_RADIUS, use_authenticator_style};

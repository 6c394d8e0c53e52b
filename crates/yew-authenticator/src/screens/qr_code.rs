//! A QR code drawn as SVG from its module matrix (no HTML strings, so nothing to inject).

use qrcodegen::{QrCode as Matrix, QrCodeEcc};
use yew::prelude::*;

/// Props of [`QrCode`].
#[derive(Debug, Properties, PartialEq)]
pub struct QrCodeProps {
    /// The text to encode (an `otpauth://` URI).
    pub data: AttrValue,
    /// Accessible description.
    pub label: AttrValue,
    /// Side length in CSS pixels.
    #[prop_or(200)]
    pub size: u32,
}

/// Renders `data` as a QR code.
#[component]
pub fn QrCode(props: &QrCodeProps) -> Html {
    let path = use_memo(props.data.clone(), |data| module_path(data));
    match &*path {
        Some((width, path)) => html! {
            <svg role="img" aria-label={props.label.clone()} width={props.size.to_string()}
                height={props.size.to_string()} viewBox={format!("-4 -4 {} {}", width + 8, width + 8)}
                shape-rendering="crispEdges" data-amplify-qrcode="">
                <rect x="-4" y="-4" width={(width + 8).to_string()} height={(width + 8).to_string()} fill="#fff" />
                <path d={path.clone()} fill="#000" />
            </svg>
        },
        None => html! {},
    }
}

/// The SVG path of the dark modules, one unit square each, and the matrix width; `None` when the
/// text is too long for a QR code.
pub(crate) fn module_path(data: &str) -> Option<(usize, String)> {
    let matrix = Matrix::encode_binary(data.as_bytes(), QrCodeEcc::Medium).ok()?;
    let width = usize::try_from(matrix.size()).ok()?;
    let mut path = String::new();
    for y in 0..matrix.size() {
        for x in 0..matrix.size() {
            if matrix.get_module(x, y) {
                path.push_str(&format!("M{x} {y}h1v1h-1z"));
            }
        }
    }
    Some((width, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn otpauth_uris_become_a_square_of_modules() {
        let (width, path) =
            module_path("otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXP&issuer=Demo").unwrap();
        assert!(
            width >= 21 && (width - 21) % 4 == 0,
            "QR widths are 21 + 4k, got {width}"
        );
        // The three finder patterns alone have 3 * 33 dark modules.
        assert!(path.matches('M').count() > 99);
        assert!(path.starts_with("M0 0h1v1h-1z"));
    }

    /// Draws the path's unit squares on a white image with the quiet zone the SVG has, four
    /// pixels a module, and reads it with a QR decoder: the code says what it was given.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_drawn_code_reads_back_as_its_text() {
        let uri = "otpauth://totp/Demo:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Demo";
        let (width, path) = module_path(uri).unwrap();
        let mut dark = vec![false; width * width];
        for square in path.split('M').filter(|square| !square.is_empty()) {
            let corner = square.trim_end_matches("h1v1h-1z");
            let (x, y) = corner.split_once(' ').unwrap();
            dark[y.parse::<usize>().unwrap() * width + x.parse::<usize>().unwrap()] = true;
        }
        const SCALE: usize = 4;
        let side = (width + 8) * SCALE;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = ((x / SCALE).wrapping_sub(4), (y / SCALE).wrapping_sub(4));
            if mx < width && my < width && dark[my * width + mx] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, uri);
    }
}

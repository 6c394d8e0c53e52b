//! The browser build step every example, the demo, the end-to-end tests and the benches share:
//! `cargo build --target wasm32-unknown-unknown --profile wasm-release`, then wasm-bindgen, then
//! `wasm-opt -Oz`, the glue minified by terser, and short import and export names (`names`): what
//! users ship, so what we test and measure.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::process;
use crate::toolchain::{self, WASM_TARGET};

/// A built web app: a folder with `index.html`, `app.js` and `app_bg.wasm`.
#[derive(Debug)]
pub struct Bundle {
    pub dir: PathBuf,
    pub wasm: PathBuf,
    pub js: PathBuf,
}

/// A file's size as shipped: raw, gzip (level 9) and brotli (quality 11).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl std::ops::Add for Sizes {
    type Output = Sizes;

    fn add(self, other: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
        }
    }
}

/// Builds `examples/NAME` (package `example-NAME`) into `target/dist/NAME`.
pub fn build_example(root: &Path, name: &str) -> Result<Bundle> {
    let source = root.join("examples").join(name);
    if !source.join("Cargo.toml").exists() {
        bail!("no example {name:?} (looked in {})", source.display());
    }
    build(
        root,
        &format!("example-{name}"),
        &source,
        &crate::target_dir(root).join("dist").join(name),
    )
}

/// Builds a binary package for the browser. `source` holds its `index.html` (trunk-style
/// `data-trunk` links are dropped) and optional `assets/`.
pub fn build(root: &Path, package: &str, source: &Path, out: &Path) -> Result<Bundle> {
    let built = compile(root, &["--package", package], &format!("{package}.wasm"))?;
    let bundle = bind(root, &built, out)?;
    let html = std::fs::read_to_string(source.join("index.html"))
        .with_context(|| format!("reading {}/index.html", source.display()))?;
    std::fs::write(out.join("index.html"), page(&html)?).context("writing index.html")?;
    let assets = source.join("assets");
    if assets.is_dir() {
        copy_dir(&assets, &out.join("assets"))?;
    }
    Ok(bundle)
}

/// Builds a Cargo example (`examples/NAME.rs` of `package`) for the browser into `out`: the
/// wasm and its JavaScript glue, no page. For measuring what a library costs an app.
pub fn build_cargo_example(
    root: &Path,
    package: &str,
    example: &str,
    out: &Path,
) -> Result<Bundle> {
    let built = compile(
        root,
        &["--package", package, "--example", example],
        &format!("examples/{example}.wasm"),
    )?;
    bind(root, &built, out)
}

/// `cargo build` for wasm32 with the `wasm-release` profile; returns the artifact `artifact`.
fn compile(root: &Path, selection: &[&str], artifact: &str) -> Result<PathBuf> {
    const PROFILE: &str = "wasm-release";
    process::run(Command::new("cargo").arg("build").args(selection).args([
        "--target",
        WASM_TARGET,
        "--profile",
        PROFILE,
    ]))?;
    Ok(crate::target_dir(root)
        .join(WASM_TARGET)
        .join(PROFILE)
        .join(artifact))
}

/// wasm-bindgen (web target) into a fresh `out`, then `wasm-opt -Oz` and terser when available,
/// then short import and export names.
fn bind(root: &Path, built: &Path, out: &Path) -> Result<Bundle> {
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("clearing {}", out.display()))?;
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    process::run(
        Command::new(toolchain::wasm_bindgen())
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "app",
                "--out-dir",
            ])
            .arg(out)
            .arg(built),
    )?;
    let wasm = out.join("app_bg.wasm");
    if let Some(wasm_opt) = toolchain::wasm_opt(root)? {
        // The features rustc enables by default for wasm32-unknown-unknown, and SIMD
        // (`.cargo/config.toml`). After one `-Oz`, `--flatten --rereloop` rebuilds every
        // function's control flow from its basic blocks, and two more rounds of `-Oz` shrink
        // what that leaves: about 1.2 KB brotli less than `-Oz` twice. Last, the functions are
        // laid out in the order of their names, which puts the copies of one generic function
        // side by side, where the compressor finds them alike: 1.5 KB brotli less again.
        process::run(
            Command::new(wasm_opt)
                .args(["-Oz", "--flatten", "--rereloop", "-Oz", "-Oz"])
                .arg("--reorder-functions-by-name")
                .args([
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext",
                ])
                .args([
                    "--enable-mutable-globals",
                    "--enable-reference-types",
                    "--enable-multivalue",
                    "--enable-simd",
                ])
                // Custom sections no browser reads.
                .args(["--strip-producers", "--strip-target-features"])
                // Lets wasm-opt fold small constants added to pointers into load and store
                // offsets. That changes behaviour only when the addition wraps past 4 GiB, which
                // Rust's pointer arithmetic never does (it would be undefined behaviour).
                .args(["--low-memory-unused", "-o"])
                .arg(&wasm)
                .arg(&wasm),
        )?;
    }
    let js = out.join("app.js");
    if let Some(terser) = toolchain::terser(root)? {
        // An ES module: its top-level names are its own to shorten.
        process::run(
            Command::new(terser)
                .arg(&js)
                .args(["--module", "--compress", "--mangle", "-o"])
                .arg(&js),
        )?;
    }
    shorten_names(&wasm, &js)?;
    Ok(Bundle {
        dir: out.to_path_buf(),
        wasm,
        js,
    })
}

/// Rewrites both files with short import and export names, when `names::shorten` finds any.
fn shorten_names(wasm: &Path, js: &Path) -> Result<()> {
    let module = std::fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let glue = std::fs::read_to_string(js).with_context(|| format!("reading {}", js.display()))?;
    let shortened = crate::names::shorten(&module, &glue).with_context(|| {
        format!(
            "shortening the import and export names of {}",
            wasm.display()
        )
    })?;
    if let Some((module, glue)) = shortened {
        std::fs::write(wasm, module).with_context(|| format!("writing {}", wasm.display()))?;
        std::fs::write(js, glue).with_context(|| format!("writing {}", js.display()))?;
    }
    Ok(())
}

/// How big a file is, raw and compressed as a web server would serve it.
pub fn sizes(path: &Path) -> Result<Sizes> {
    use std::io::Write;
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes)?;
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)?;
    Ok(Sizes {
        raw: bytes.len() as u64,
        gzip: gzip.finish()?.len() as u64,
        brotli: brotli.len() as u64,
    })
}

/// The example's page with its trunk links replaced by our loader.
fn page(html: &str) -> Result<String> {
    const LOADER: &str =
        "<script type=\"module\">import init from \"./app.js\"; init();</script>\n";
    let kept: Vec<&str> = html
        .lines()
        .filter(|line| !line.contains("data-trunk"))
        .collect();
    let mut page = kept.join("\n");
    let Some(at) = page.find("</head>") else {
        bail!("index.html has no </head>");
    };
    page.insert_str(at, LOADER);
    Ok(page)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_swaps_trunk_links_for_the_loader() {
        let html = "<html><head>\n<link data-trunk rel=\"rust\" />\n</head><body></body></html>";
        let page = page(html).expect("page");
        assert!(!page.contains("data-trunk"));
        assert!(page.contains("import init from \"./app.js\""));
        assert!(page.find("app.js") < page.find("</head>"));
    }

    #[test]
    fn page_without_head_is_refused() {
        assert!(page("<body></body>").is_err());
    }
}

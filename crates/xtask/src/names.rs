//! Short import and export names for a wasm-bindgen bundle.
//!
//! wasm-bindgen names every function the wasm imports from its JavaScript glue after the
//! function plus a 64-bit hash (`__wbg_appendChild_dbf7ad2f48413560`), and each name is written
//! twice: in the wasm's import section and as a key of the glue's import object. Hashes do not
//! compress: the basic example's 139 imports cost 3.6 KB brotli that way. The exports the glue
//! calls have long names too (`__wbindgen_malloc`, closures' `..._invoke__h74e400a64d688854`).
//! Emscripten shortens both in its optimised builds; this does the same after wasm-bindgen:
//! - each function import whose name the glue writes exactly once, as a whole identifier,
//!   becomes `a`, `b`, ... in both files;
//! - each export of eight characters or more that the glue only ever reads as a property
//!   (`.name`) is renamed the same way, in the export section and at every such read.
//!
//! A module with imports of another kind keeps its names; so does any name the glue writes in
//! another way.

use anyhow::{Context, Result, bail};

/// The wasm module and its glue with short names, or `None` when nothing was renamed.
pub fn shorten(wasm: &[u8], js: &str) -> Result<Option<(Vec<u8>, String)>> {
    const HEADER: &[u8] = b"\0asm\x01\0\0\0";
    const IMPORT_SECTION: u8 = 2;
    const EXPORT_SECTION: u8 = 7;
    if !wasm.starts_with(HEADER) {
        bail!("not a wasm module (version 1)");
    }
    let mut out = HEADER.to_vec();
    let mut js = js.to_owned();
    let mut renamed = 0;
    let mut at = HEADER.len();
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        at += 1;
        let size = read_u32(wasm, &mut at)? as usize;
        let body = wasm
            .get(at..at + size)
            .context("a section runs past the end of the module")?;
        at += size;
        let (section, count) = match id {
            IMPORT_SECTION => match rename_imports(body, &mut js)? {
                Some(renamed) => renamed,
                None => return Ok(None),
            },
            EXPORT_SECTION => rename_exports(body, &mut js)?,
            _ => {
                out.extend_from_slice(&wasm[start..at]);
                continue;
            }
        };
        renamed += count;
        out.push(id);
        write_u32(&mut out, u32::try_from(section.len())?);
        out.extend_from_slice(&section);
    }
    Ok((renamed > 0).then_some((out, js)))
}

/// The import section with short names, and how many were renamed; `None` for a section with
/// anything but function imports.
fn rename_imports(body: &[u8], js: &mut String) -> Result<Option<(Vec<u8>, usize)>> {
    const FUNCTION: u8 = 0;
    rewrite_entries(body, js, "import", |at, section, names| {
        let module = read_name(body, at)?;
        let name = read_name(body, at)?;
        if body.get(*at) != Some(&FUNCTION) {
            return Ok(false);
        }
        *at += 1;
        let type_index = read_u32(body, at)?;
        write_name(section, module);
        write_name(section, &names.rename(name, replace_once));
        section.push(FUNCTION);
        write_u32(section, type_index);
        Ok(true)
    })
}

/// The export section with short names for the exports the glue only reads as properties, and
/// how many were renamed.
fn rename_exports(body: &[u8], js: &mut String) -> Result<(Vec<u8>, usize)> {
    const SHORTEST_RENAMED: usize = 8;
    let rewritten = rewrite_entries(body, js, "export", |at, section, names| {
        let name = read_name(body, at)?;
        let kind = *body.get(*at).context("the module ends inside an export")?;
        *at += 1;
        let index = read_u32(body, at)?;
        let name = if name.len() >= SHORTEST_RENAMED {
            names.rename(name, replace_property)
        } else {
            name.to_owned()
        };
        write_name(section, &name);
        section.push(kind);
        write_u32(section, index);
        Ok(true)
    })?;
    rewritten.context("an export entry was refused")
}

/// A section of `what` entries written again by `entry`, which reads one entry at `at` and
/// writes it to the new section; `None` as soon as an entry refuses (returns `false`).
fn rewrite_entries(
    body: &[u8],
    js: &mut String,
    what: &str,
    mut entry: impl FnMut(&mut usize, &mut Vec<u8>, &mut Renamer<'_>) -> Result<bool>,
) -> Result<Option<(Vec<u8>, usize)>> {
    let mut at = 0;
    let count = read_u32(body, &mut at)?;
    let mut section = Vec::with_capacity(body.len());
    write_u32(&mut section, count);
    let mut names = Renamer { js, renamed: 0 };
    for _ in 0..count {
        if !entry(&mut at, &mut section, &mut names)? {
            return Ok(None);
        }
    }
    if at != body.len() {
        bail!(
            "the {what} section has {} bytes after its entries",
            body.len() - at
        );
    }
    Ok(Some((section, names.renamed)))
}

/// Hands out short names, rewriting the glue as it goes.
struct Renamer<'a> {
    js: &'a mut String,
    renamed: usize,
}

impl Renamer<'_> {
    /// The next short name when `rewrite` can put it in the glue in place of `name`; else `name`.
    fn rename(&mut self, name: &str, rewrite: fn(&str, &str, &str) -> Option<String>) -> String {
        let short = short_name(self.renamed);
        match rewrite(self.js, name, &short) {
            Some(js) => {
                *self.js = js;
                self.renamed += 1;
                short
            }
            None => name.to_owned(),
        }
    }
}

/// Where `name` stands in `js` as a whole identifier.
fn identifier_at(js: &str, name: &str) -> Vec<usize> {
    let is_identifier = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    js.match_indices(name)
        .map(|(index, _)| index)
        .filter(|index| {
            let before = js[..*index].chars().next_back();
            let after = js[index + name.len()..].chars().next();
            !before.is_some_and(is_identifier) && !after.is_some_and(is_identifier)
        })
        .collect()
}

/// `js` with every `.name` made `.with`, or `None` when `name` stands there in any other way
/// (or not at all).
fn replace_property(js: &str, name: &str, with: &str) -> Option<String> {
    let places = identifier_at(js, name);
    if places.is_empty() || places.iter().any(|at| !js[..*at].ends_with('.')) {
        return None;
    }
    let mut out = String::with_capacity(js.len());
    let mut copied = 0;
    for at in places {
        out.push_str(&js[copied..at]);
        out.push_str(with);
        copied = at + name.len();
    }
    out.push_str(&js[copied..]);
    Some(out)
}

/// `js` with the one whole-identifier occurrence of `name` replaced, or `None` when `name` is
/// written there any other number of times.
fn replace_once(js: &str, name: &str, with: &str) -> Option<String> {
    let [index] = identifier_at(js, name)[..] else {
        return None;
    };
    Some(format!(
        "{}{with}{}",
        &js[..index],
        &js[index + name.len()..]
    ))
}

/// `a` ... `z`, `A` ... `Z`, `aa`, `ab`, ...: distinct for distinct `n`.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).expect("letters are ASCII")
}

fn read_u32(bytes: &[u8], at: &mut usize) -> Result<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at).context("the module ends inside a number")?;
        *at += 1;
        value |= u32::from(byte & 0x7f)
            .checked_shl(shift)
            .filter(|part| part >> shift == u32::from(byte & 0x7f))
            .context("a number does not fit 32 bits")?;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    bail!("a number is longer than 5 bytes")
}

fn write_u32(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn read_name<'a>(bytes: &'a [u8], at: &mut usize) -> Result<&'a str> {
    let len = read_u32(bytes, at)? as usize;
    let name = bytes
        .get(*at..*at + len)
        .context("a name runs past the end of its section")?;
    *at += len;
    std::str::from_utf8(name).context("a name is not UTF-8")
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    write_u32(out, u32::try_from(name.len()).expect("names are short"));
    out.extend_from_slice(name.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module: one function type, the given function imports from `./app_bg.js`, and the
    /// given exports, all of function 0.
    fn module(imports: &[&str], exports: &[&str]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        let mut section = Vec::new();
        write_u32(&mut section, imports.len() as u32);
        for name in imports {
            write_name(&mut section, "./app_bg.js");
            write_name(&mut section, name);
            section.extend_from_slice(&[0, 0]);
        }
        wasm.push(2);
        write_u32(&mut wasm, section.len() as u32);
        wasm.extend_from_slice(&section);
        let mut section = Vec::new();
        write_u32(&mut section, exports.len() as u32);
        for name in exports {
            write_name(&mut section, name);
            section.extend_from_slice(&[0, 0]);
        }
        wasm.push(7);
        write_u32(&mut wasm, section.len() as u32);
        wasm.extend_from_slice(&section);
        wasm
    }

    #[test]
    fn names_written_once_in_the_glue_get_short() {
        let long = "__wbg_log_0123456789abcdef";
        let twice = "__wbg_twice_fedcba9876543210";
        let js = format!(
            "const i={{__proto__:null,{long}:function(n){{console.log(n)}},{twice}:t}};const t={twice};"
        );
        let absent = "__wbg_absent_00112233445566ff";
        let (short, js) = shorten(&module(&[long, twice, absent], &["f"]), &js)
            .unwrap()
            .unwrap();
        // Byte for byte the module with the one name changed: every other section as it was.
        assert_eq!(short, module(&["a", twice, absent], &["f"]));
        assert_eq!(
            js,
            format!(
                "const i={{__proto__:null,a:function(n){{console.log(n)}},{twice}:t}};const t={twice};"
            )
        );
    }

    #[test]
    fn a_name_inside_a_longer_identifier_is_not_a_match() {
        let name = "__wbg_x_0123456789abcdef";
        let js = format!("{{{name}:f,{name}2:g}}");
        let (short, js) = shorten(&module(&[name], &["f"]), &js).unwrap().unwrap();
        assert_eq!(short, module(&["a"], &["f"]));
        assert_eq!(js, format!("{{a:f,{name}2:g}}"));
    }

    #[test]
    fn imports_other_than_functions_leave_the_module_alone() {
        let mut wasm = module(&["__wbg_x_0123456789abcdef"], &["f"]);
        // Make the import a memory: kind 2, limits flag 0, minimum 1 (one byte longer).
        let kind = wasm.len() - 9;
        assert_eq!(&wasm[kind..kind + 2], &[0, 0]);
        wasm.splice(kind..kind + 2, [2, 0, 1]);
        let section_size = 14 + 1;
        wasm[section_size] += 1;
        assert!(
            shorten(&wasm, "{__wbg_x_0123456789abcdef:m}")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn exports_read_only_as_properties_get_short() {
        let js = "S.__wbindgen_malloc(1);S.__wbindgen_malloc(2);S.__wbindgen_start();\
                  S.memory.buffer;const start=\"__wbindgen_start\";";
        let exports = [
            "__wbindgen_malloc",
            "__wbindgen_start",
            "memory",
            "__abort_handler",
        ];
        let (short, js) = shorten(&module(&[], &exports), js).unwrap().unwrap();
        // `__wbindgen_start` is also written as a string, `memory` is short, `__abort_handler`
        // is never read: they keep their names.
        assert_eq!(
            short,
            module(&[], &["a", "__wbindgen_start", "memory", "__abort_handler"])
        );
        assert_eq!(
            js,
            "S.a(1);S.a(2);S.__wbindgen_start();S.memory.buffer;const start=\"__wbindgen_start\";"
        );
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::BTreeSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(51), "Z");
        assert_eq!(short_name(52), "aa");
    }

    #[test]
    fn a_truncated_module_is_an_error() {
        let wasm = module(&["__wbg_x_0123456789abcdef"], &["f"]);
        assert!(shorten(&wasm[..wasm.len() - 3], "{__wbg_x_0123456789abcdef:f}").is_err());
        assert!(shorten(b"not wasm", "").is_err());
    }
}

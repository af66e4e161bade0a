//! The fields of a form as a browser posts it
//! (`application/x-www-form-urlencoded`), by name.

use std::collections::BTreeMap;

/// The fields of a posted form, by name; a name posted twice keeps its
/// last value.
#[derive(Debug, Default)]
pub struct Fields(BTreeMap<String, String>);

impl Fields {
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Fields {
        Fields(pairs.into_iter().collect())
    }

    /// A form as browsers post it (`application/x-www-form-urlencoded`).
    pub fn parse(body: &[u8]) -> Fields {
        Fields::from_pairs(
            body.split(|&b| b == b'&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let mut parts = pair.splitn(2, |&b| b == b'=');
                    let name = decode(parts.next().unwrap_or_default());
                    let value = decode(parts.next().unwrap_or_default());
                    (name, value)
                }),
        )
    }

    /// A field's value; empty when it was not posted.
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// The values of `name.0`, `name.1` … in the order of their numbers,
    /// gaps and all: the fields of a list the page's script may add to.
    /// Each value with its number: the place of the field in the page
    /// that was posted.
    pub fn numbered(&self, name: &str) -> Vec<(usize, &str)> {
        let prefix = format!("{name}.");
        let mut found: Vec<(usize, &str)> = self
            .0
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, v)| Some((k[prefix.len()..].parse().ok()?, v.as_str())))
            .collect();
        found.sort_unstable_by_key(|(n, _)| *n);
        found
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

/// Percent-decoding, `+` for a space; bytes that are not UTF-8 become
/// U+FFFD.
fn decode(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < raw.len() && hex(raw[i + 1]).is_some() && hex(raw[i + 2]).is_some() => {
                out.push(hex(raw[i + 1]).unwrap_or(0) * 16 + hex(raw[i + 2]).unwrap_or(0));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_decoded_as_browsers_encode_them() {
        let f = Fields::parse(b"a.OMV-1.note=%C3%A6+%3Cb%3E&x=1&x=2&bad=%zz%&empty=");
        assert_eq!(f.get("a.OMV-1.note"), "æ <b>");
        assert_eq!(f.get("x"), "2");
        assert_eq!(f.get("bad"), "%zz%");
        assert!(f.has("empty"));
        assert_eq!(f.get("missing"), "");
        assert_eq!(Fields::parse(b"%FF=%FF").get("\u{fffd}"), "\u{fffd}");
        let list = Fields::parse(b"m.10=c&m.2=b&m.0=a&m.x=no&m=no&mm.1=no");
        assert_eq!(list.numbered("m"), [(0, "a"), (2, "b"), (10, "c")]);
    }
}

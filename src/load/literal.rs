//! The built-in checklists as Rust: `builtin.rs` is written from
//! `checklists/*.toml` by [`source`], so that a process builds them from
//! code rather than parsing TOML every time it starts. The test below
//! keeps the two the same: it fails when a checklist changed and
//! `builtin.rs` was not written anew, and writes it anew with
//! `ALMEN_WRITE_BUILTINS=1 cargo test --lib builtins`.

use std::borrow::Cow;
use std::fmt::Write;

use toml::Spanned;

use super::{BUILTINS, Builtin, Loader, sha256};
use crate::lang::Lang;
use crate::model::{ChecklistFile, Date, Every, Item, Kind, Source, Text, TextList};

/// A value written as the Rust expression that makes it.
trait Literal {
    fn literal(&self, out: &mut String);
}

impl Literal for String {
    fn literal(&self, out: &mut String) {
        // Debug of a string is a Rust string literal.
        let _ = write!(out, "{self:?}.to_owned()");
    }
}

impl Literal for Cow<'static, str> {
    fn literal(&self, out: &mut String) {
        // Borrowed from the program itself: making it copies nothing.
        let _ = write!(out, "Cow::Borrowed({self:?})");
    }
}

impl Literal for u32 {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Literal for f64 {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "{self:?}");
    }
}

impl Literal for bool {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl<T: Literal> Literal for Option<T> {
    fn literal(&self, out: &mut String) {
        match self {
            Some(v) => {
                out.push_str("Some(");
                v.literal(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl<T: Literal> Literal for Vec<T> {
    fn literal(&self, out: &mut String) {
        out.push_str("vec![");
        for v in self {
            v.literal(out);
            out.push_str(",\n");
        }
        out.push(']');
    }
}

impl<T: Literal> Literal for Spanned<T> {
    fn literal(&self, out: &mut String) {
        let span = self.span();
        let _ = write!(out, "Spanned::new({}..{}, ", span.start, span.end);
        self.get_ref().literal(out);
        out.push(')');
    }
}

impl Literal for Date {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "date({:?})", self.to_string());
    }
}

impl Literal for Kind {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "Kind::{self:?}");
    }
}

impl Literal for Every {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "Every::{self:?}");
    }
}

/// A struct literal, field by field.
macro_rules! literal_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Literal for $ty {
            fn literal(&self, out: &mut String) {
                out.push_str(concat!(stringify!($ty), " {"));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.literal(out);
                    out.push_str(", ");
                )*
                out.push('}');
            }
        }
    };
}

literal_struct!(Text { da, en });
literal_struct!(TextList { da, en });
literal_struct!(Source {
    publisher,
    title,
    url,
    updated,
    notes
});
literal_struct!(Item {
    id,
    kind,
    weight,
    title,
    guidance,
    evidence,
    basis,
    every_months,
    every,
    warn_days,
    counterparty,
    may_be_not_applicable,
});
literal_struct!(ChecklistFile {
    format,
    id,
    version,
    title,
    source,
    items
});

/// `builtin.rs`: for each built-in checklist, the text it was made from,
/// its SHA-256, and the function that makes it.
fn source() -> String {
    let mut out = String::from(
        "//! The built-in checklists, made from `checklists/*.toml` by\n\
         //! `load/literal.rs`: do not edit; see there.\n\n\
         use std::borrow::Cow;\n\n\
         use toml::Spanned;\n\n\
         use super::Made;\n\
         use crate::model::{ChecklistFile, Every, Item, Kind, Source, Text, TextList};\n\n\
         #[allow(unused_imports)]\n\
         use crate::model::Date;\n\n\
         /// Each built-in checklist, by id.\n\
         pub(super) const MADE: &[Made] = &[\n",
    );
    for (i, b) in BUILTINS.iter().enumerate() {
        let _ = writeln!(
            out,
            "    Made {{ id: {:?}, from: {:?}, sha256: {:?}, make: make_{i} }},",
            b.id,
            b.text,
            sha256(b.text)
        );
    }
    out.push_str("];\n");
    for (i, b) in BUILTINS.iter().enumerate() {
        let file = parse(b);
        let _ = write!(out, "\nfn make_{i}() -> ChecklistFile {{\n    ");
        file.literal(&mut out);
        out.push_str("\n}\n");
    }
    out.push_str(
        "\n#[allow(dead_code)]\nfn date(text: &str) -> Date {\n    \
         Date(text.parse().expect(\"a date written by the generator\"))\n}\n",
    );
    out
}

/// A built-in checklist, parsed from its TOML; it has no problems.
fn parse(builtin: &Builtin) -> ChecklistFile {
    let fs = super::tests::MemFs::default();
    let mut loader = Loader::new(&fs, Lang::En);
    let file_id = loader.sources.add(builtin.id, builtin.text);
    let mut diags = Vec::new();
    let checklist = loader
        .checklist_file(file_id, None, &mut diags)
        .expect("a built-in checklist parses");
    assert!(diags.is_empty(), "{}: {diags:?}", builtin.id);
    std::sync::Arc::unwrap_or_clone(checklist.file)
}

#[test]
fn builtins_are_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/load/builtin.rs");
    let fresh = source();
    if std::env::var_os("ALMEN_WRITE_BUILTINS").is_some() {
        std::fs::write(path, &fresh).expect("writing builtin.rs");
    }
    let written = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        written == fresh,
        "a built-in checklist changed: write src/load/builtin.rs anew with \
         `ALMEN_WRITE_BUILTINS=1 cargo test --lib builtins`"
    );
}

#[test]
fn a_made_checklist_is_the_parsed_one() {
    for b in BUILTINS {
        let made = super::builtin::MADE
            .iter()
            .find(|m| m.id == b.id)
            .expect("every built-in checklist is made");
        assert_eq!(made.from, b.text);
        assert_eq!(format!("{:?}", (made.make)()), format!("{:?}", parse(b)));
        assert_eq!(made.sha256, sha256(b.text));
    }
}

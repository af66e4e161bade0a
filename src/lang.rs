//! The two languages almen speaks: picking a text, and writing numbers
//! the way each reader does. A leaf: the words for what scoring finds
//! (severity, reason, status, kind) are the renderers' (`render::words`).

use std::borrow::Cow;

use crate::model::{Text, TextList};

/// The language of everything almen prints. Danish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    pub fn pick<'a>(self, da: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    /// A checklist text in this language; English falls back to Danish.
    pub fn text(self, text: &Text) -> &str {
        match (self, &text.en) {
            (Lang::En, Some(en)) => en,
            _ => &text.da,
        }
    }

    pub fn list(self, list: &TextList) -> &[Cow<'static, str>] {
        match (self, &list.en) {
            (Lang::En, Some(en)) => en,
            _ => &list.da,
        }
    }

    /// A number as the reader writes it: `0,5` in Danish, `0.5` in English.
    pub fn number(self, value: f64) -> String {
        match self {
            Lang::Da => value.to_string().replace('.', ","),
            Lang::En => value.to_string(),
        }
    }

    /// A percentage as the reader writes it: `72,5 %` in Danish, `72.5%` in English.
    pub fn percent(self, value: f64) -> String {
        match self {
            Lang::Da => format!("{value:.1} %").replace('.', ","),
            Lang::En => format!("{value:.1}%"),
        }
    }
}

//! The two languages almen speaks, and the words every renderer shares.

use crate::model::{Kind, Status, Text, TextList};
use crate::score::{Reason, Severity};

/// The language of everything almen prints. Danish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

    pub fn list(self, list: &TextList) -> &[String] {
        match (self, &list.en) {
            (Lang::En, Some(en)) => en,
            _ => &list.da,
        }
    }

    pub fn severity(self, s: Severity) -> &'static str {
        match s {
            Severity::Critical => self.pick("kritisk", "critical"),
            Severity::Major => self.pick("væsentlig", "major"),
            Severity::Minor => self.pick("mindre", "minor"),
        }
    }

    pub fn kind(self, k: Kind) -> &'static str {
        match k {
            Kind::Recommendation => self.pick("anbefaling", "recommendation"),
            Kind::Duty => self.pick("lovkrav", "duty"),
        }
    }

    pub fn status(self, s: Option<Status>) -> &'static str {
        match s {
            None => self.pick("ikke vurderet", "not assessed"),
            Some(Status::Met) => self.pick("følger", "met"),
            Some(Status::Partial) => self.pick("følger delvist", "partial"),
            Some(Status::Unmet) => self.pick("følger ikke", "unmet"),
            Some(Status::NotApplicable) => self.pick("ikke relevant", "not applicable"),
        }
    }

    pub fn reason(self, r: Reason) -> &'static str {
        match r {
            Reason::NotAssessed => self.pick("ikke vurderet", "not assessed"),
            Reason::Unmet => self.pick("lovkrav ikke opfyldt", "duty not met"),
            Reason::Partial => self.pick("lovkrav kun delvist opfyldt", "duty only partly met"),
            Reason::Unexplained => {
                self.pick("afvigelse uden forklaring", "deviation not explained")
            }
            Reason::Overdue => self.pick("forfalden", "overdue"),
            Reason::Stale => self.pick("forældet", "stale"),
            Reason::DateMissing => self.pick("dato mangler", "date missing"),
            Reason::NoEvidence => self.pick("dokumentation mangler", "no evidence"),
            Reason::EvidenceNotFound => {
                self.pick("dokumentation ikke fundet", "evidence not found")
            }
            Reason::PlanOverdue => self.pick("handlingsplan overskredet", "plan overdue"),
            Reason::NaUnexplained => self.pick(
                "ikke relevant uden forklaring",
                "not applicable without explanation",
            ),
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

//! Indicators whose CV the plan raises, each with the rule that forced or allowed it.

use super::tables::Table;
use crate::planner::Summary;
use crate::report::i18n::{self, pick, Lang};
use crate::report::svg::{escape, fmt};

/// The section, or nothing when no indicator's CV rises.
pub fn worse(s: &Summary, lang: Lang) -> String {
    if s.worse_indicators.is_empty() {
        return String::new();
    }
    let mut out = super::section(
        "worse",
        pick(lang, "Indicators the plan makes less balanced", "方案使均衡度变差的指标"),
        pick(
            lang,
            "The CV of these indicators is higher after the plan than before it, and this is why.",
            "以下指标的差异系数在方案实施后高于实施前，原因如下。",
        ),
    );
    let mut t = Table::new(&[
        pick(lang, "Stage", "学段"),
        pick(lang, "Indicator", "指标"),
        pick(lang, "CV before", "实施前差异系数"),
        pick(lang, "CV after", "实施后差异系数"),
        pick(lang, "Why", "原因说明"),
    ]);
    for w in &s.worse_indicators {
        t.row(vec![
            escape(i18n::stage(lang, w.stage)),
            escape(&i18n::indicator_short(lang, w.indicator)),
            fmt(w.cv_before, 3),
            fmt(w.cv_after, 3),
            // The plan's words are in the run's language (`--lang`), as it made them.
            format!("<span lang=\"{}\">{}</span>", i18n::pick(i18n::current(), "en", "zh"), escape(&w.why)),
        ]);
    }
    out.push_str(&t.render(&[false, false, true, true, false]));
    out.push_str("</section>\n");
    out
}

//! How close the plan is to the best: each objective term's value, its proven bound, the
//! gap between them, the seconds it was given and used, and how the bound was proved.

use super::tables::Table;
use crate::planner::Summary;
use crate::report::i18n::{self, pick, Lang};
use crate::report::svg::{escape, fmt};

pub fn terms(s: &Summary, lang: Lang) -> String {
    let mut out = super::section(
        "terms",
        pick(lang, "How close to the best plan", "与最优方案的差距"),
        pick(
            lang,
            "Each term was minimised in this order, keeping the earlier ones. The bound is proven: no plan that \
             keeps the earlier terms can do better than it. The gap is how far the plan may be from the best.",
            "各目标按此顺序依次优化，并保持前面的目标不变。下界经过证明：保持前面目标的任何方案都不会优于该下界。差距即方案与最优方案可能相差的程度。",
        ),
    );
    let mut t = Table::new(&[
        pick(lang, "Term", "目标"),
        pick(lang, "Value", "取值"),
        pick(lang, "Proven bound", "证明的下界"),
        pick(lang, "Gap", "差距"),
        pick(lang, "Seconds used (given)", "用时秒数（分配）"),
        pick(lang, "Status", "状态"),
    ]);
    for st in &s.stages {
        let bound = if st.bound.is_finite() { fmt(st.bound, 4) } else { "-".into() };
        let gap = if st.gap.is_finite() { format!("{}%", fmt(100.0 * st.gap, 2)) } else { "-".into() };
        t.row(vec![
            escape(&i18n::term(lang, st.term.name())),
            fmt(st.value, 4),
            bound,
            gap,
            format!("{} ({})", fmt(st.seconds, 1), fmt(st.budget_seconds, 1)),
            escape(i18n::status(lang, st.status.as_str())),
        ]);
    }
    out.push_str(&t.render(&[false, true, true, true, true, false]));
    out.push_str("</section>\n");
    out
}

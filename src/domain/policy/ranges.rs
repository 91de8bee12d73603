//! [`Policy::range_errors`]: every policy value outside its valid range, named with
//! its key and the range, after serde has accepted the file's shape.

use super::{Policy, Term, MINIMUM_KEYS};
use crate::domain::enums::Subject;
use crate::report::i18n::say;

impl Policy {
    /// Every value outside its valid range, as (key, message naming the range).
    pub fn range_errors(&self) -> Vec<(String, String)> {
        let mut errs = Vec::new();
        let e = &self.eligibility;
        check(&mut errs, "eligibility.min_years_at_school", e.min_years_at_school as f64, 0.0, 40.0);
        check(&mut errs, "eligibility.exempt_age_men", e.exempt_age_men as f64, 18.0, 70.0);
        check(&mut errs, "eligibility.exempt_age_women", e.exempt_age_women as f64, 18.0, 70.0);
        let x = &self.exchange;
        check(&mut errs, "exchange.share", x.share, 0.0, 1.0);
        check(&mut errs, "exchange.backbone_share", x.backbone_share, 0.0, 1.0);
        check(&mut errs, "exchange.term_years", x.term_years as f64, 1.0, 10.0);
        check(&mut errs, "exchange.max_distance_km", x.max_distance_km, 0.0, 1000.0);
        let s = &self.staffing;
        check(&mut errs, "staffing.students_per_teacher_primary", s.students_per_teacher_primary, 1.0, 100.0);
        check(&mut errs, "staffing.students_per_teacher_junior", s.students_per_teacher_junior, 1.0, 100.0);
        check(&mut errs, "staffing.quota_tolerance", s.quota_tolerance as f64, 0.0, 100.0);
        for (stage, shares) in [("primary", &self.curriculum.primary), ("junior", &self.curriculum.junior)] {
            for (subject, &share) in shares {
                let key = format!("curriculum.{stage}.{subject}");
                if Subject::parse(subject).is_none() {
                    let expected = Subject::expected();
                    let (en, zh) = (
                        format!("{key}: unknown subject; use one of: {expected}"),
                        format!("{key}：不认识的学科；可用：{expected}"),
                    );
                    errs.push((key.clone(), say(en, zh)));
                }
                check(&mut errs, &key, share, 0.0, 1.0);
            }
            let total: f64 = shares.values().sum();
            if (total - 1.0).abs() > 0.005 {
                let key = format!("curriculum.{stage}");
                errs.push((
                    key.clone(),
                    say(
                        format!("{key}: shares add up to {total:.3}; they must add up to 1 (within 0.005)"),
                        format!("{key}：各比例之和为 {total:.3}；应为 1（误差不超过 0.005）"),
                    ),
                ));
            }
        }
        let v = &self.evaluation;
        check(&mut errs, "evaluation.cv_max_primary", v.cv_max_primary, 0.0, 5.0);
        check(&mut errs, "evaluation.cv_max_junior", v.cv_max_junior, 0.0, 5.0);
        check(&mut errs, "evaluation.basic_cv_mean_max_primary", v.basic_cv_mean_max_primary, 0.0, 5.0);
        check(&mut errs, "evaluation.basic_cv_mean_max_junior", v.basic_cv_mean_max_junior, 0.0, 5.0);
        check(&mut errs, "evaluation.teaching_point_min_students", v.teaching_point_min_students as f64, 0.0, 10000.0);
        check(&mut errs, "evaluation.minimums_required", v.minimums_required as f64, 0.0, 7.0);
        check(&mut errs, "evaluation.minimum_floor_share", v.minimum_floor_share, 0.0, 1.0);
        for (stage, mins) in [("primary", &v.minimums.primary), ("junior", &v.minimums.junior)] {
            for (k, &m) in mins {
                let key = format!("evaluation.minimums.{stage}.{k}");
                if !MINIMUM_KEYS.contains(&k.as_str()) {
                    errs.push((
                        key.clone(),
                        say(
                            format!("{key}: unknown indicator; use one of: {}", MINIMUM_KEYS.join(", ")),
                            format!("{key}：不认识的指标；可用：{}", MINIMUM_KEYS.join(", ")),
                        ),
                    ));
                }
                check(&mut errs, &key, m, 0.0, 1e7);
            }
        }
        let p = &self.pay;
        check(&mut errs, "pay.tolerance", p.tolerance, 0.0, 1.0);
        check(&mut errs, "pay.new_hire_monthly_pay", p.new_hire_monthly_pay, 1.0, 1e6);
        for (key, a) in [
            ("pay.allowance_urban", p.allowance_urban),
            ("pay.allowance_town", p.allowance_town),
            ("pay.allowance_rural", p.allowance_rural),
            ("pay.allowance_weak", p.allowance_weak),
        ] {
            check(&mut errs, key, a, 0.0, 1e5);
        }
        if let Some(b) = p.allowance_budget_monthly {
            check(&mut errs, "pay.allowance_budget_monthly", b, 0.0, 1e9);
        }
        let c = &self.cycle;
        check(&mut errs, "cycle.cool_off_years", c.cool_off_years as f64, 0.0, 40.0);
        check(&mut errs, "cycle.rotate_within_years", c.rotate_within_years as f64, 0.0, 40.0);
        for (subject, &n) in &c.hires_per_year {
            check(&mut errs, &format!("cycle.hires_per_year.{}", subject.name()), n as f64, 0.0, 10_000.0);
        }
        check(&mut errs, "cycle.retire_age_men", c.retire_age_men as f64, 40.0, 80.0);
        check(&mut errs, "cycle.retire_age_women", c.retire_age_women as f64, 40.0, 80.0);
        for (key, g) in [
            ("cycle.growth_urban", c.growth_urban),
            ("cycle.growth_town", c.growth_town),
            ("cycle.growth_rural", c.growth_rural),
        ] {
            check(&mut errs, key, g, -0.5, 0.5);
        }
        let w = &self.priority;
        for (key, value) in [("priority.urban", w.urban), ("priority.town", w.town), ("priority.rural", w.rural)] {
            check(&mut errs, key, value, 0.01, 1000.0);
        }
        check(&mut errs, "priority.weak_bonus", w.weak_bonus, 0.0, 1000.0);
        for term in Term::ALL {
            let t = self.objective.tolerance.of(term);
            let key = format!("objective.tolerance.{}", term.name());
            check(&mut errs, &format!("{key}.relative"), t.relative, 0.0, 1.0);
            check(&mut errs, &format!("{key}.absolute"), t.absolute, 0.0, 1e9);
        }
        let order = &self.objective.order;
        if order.first() != Some(&Term::Violations) {
            errs.push((
                "objective.order".into(),
                say(
                    "objective.order must start with \"violations\": policy rules come first".into(),
                    "objective.order 必须以 \"violations\" 开头：政策规则优先".into(),
                ),
            ));
        }
        for (i, t) in order.iter().enumerate() {
            if order[..i].contains(t) {
                let n = t.name();
                let twice = say(
                    format!("objective.order names \"{n}\" twice"),
                    format!("objective.order 中 \"{n}\" 出现了两次"),
                );
                errs.push(("objective.order".into(), twice));
            }
        }
        errs
    }
}

/// Records `key` when `value` lies outside `[lo, hi]`, naming the range.
fn check(errs: &mut Vec<(String, String)>, key: &str, value: f64, lo: f64, hi: f64) {
    if !(value >= lo && value <= hi) {
        let (en, zh) = (
            format!("{key} = {value} is outside its valid range {lo} to {hi}"),
            format!("{key} = {value} 超出有效范围 {lo} 到 {hi}"),
        );
        errs.push((key.to_string(), say(en, zh)));
    }
}

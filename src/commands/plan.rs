use crate::planner::{make_plan, write_plan_dir, PlanResult};
use crate::solve::SolveOptions;
use anyhow::{ensure, Result};
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path, policy: Option<&Path>, out: &Path, opts: SolveOptions) -> Result<ExitCode> {
    ensure!(opts.time_limit > 0.0, "--time-limit must be more than 0 seconds (got {})", opts.time_limit);
    ensure!((0.0..1.0).contains(&opts.gap), "--gap must be from 0 to 1 (got {})", opts.gap);
    ensure!((1..=256).contains(&opts.threads), "--threads must be from 1 to 256 (got {})", opts.threads);
    let (county, policy) = super::load_inputs(dir, policy)?;
    let result = make_plan(&county, &policy, &opts)?;
    write_plan_dir(out, &county, &result)?;
    print!("{}", render(&result, out));
    Ok(ExitCode::SUCCESS)
}

/// The short report printed after planning.
fn render(r: &PlanResult, out: &Path) -> String {
    let s = &r.summary;
    let mut text = format!(
        "Plan written to {} (policy {}).\nStatus: {:?}, largest gap {:.2e}, solved in {:.2} s.\n",
        out.display(),
        s.policy,
        s.status,
        s.mip_gap,
        s.build_seconds + s.solve_seconds
    );
    text.push_str(&format!(
        "Exchanges: {} of {} eligible teachers ({} backbone); new hires placed: {}.\n",
        s.counts.exchanges, s.counts.eligible, s.counts.backbone_exchanges, s.counts.hires
    ));
    text.push_str("Objective, in the order minimised:\n");
    for t in &s.objective_order {
        text.push_str(&format!("  {t:<11} {:>12.4}\n", s.objective[t]));
    }
    text.push_str("CV of the teacher indicators (before -> after, threshold):\n");
    for stage in &s.metrics.after.stages {
        for ind in stage.indicators.iter().filter(|i| crate::model::INDICATORS.contains(&i.key)) {
            let before = s.metrics.before.cv(stage.stage, ind.key);
            text.push_str(&format!(
                "  {:<8} {:<18} {} -> {}  (<= {:.2})\n",
                stage.stage,
                ind.key,
                fmt_cv(before),
                fmt_cv(ind.cv),
                stage.cv_max
            ));
        }
    }
    if s.violations.is_empty() {
        text.push_str("Every policy rule is met.\n");
    } else {
        text.push_str(&format!("{} policy rule(s) cannot be met:\n", s.violations.len()));
        for v in &s.violations {
            text.push_str(&format!("  [{}] {}\n      why: {}\n", v.code, v.message, v.why));
        }
    }
    text
}

fn fmt_cv(cv: Option<f64>) -> String {
    cv.map_or("  -  ".into(), |v| format!("{v:.3}"))
}

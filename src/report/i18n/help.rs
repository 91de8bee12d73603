//! The Chinese of `--help`: every about and help text of the command line (keyed by its
//! English, as clap derives it from the doc comments of `crate::cli`), the value names, the
//! headings and the words clap writes around them.

/// The layout of a help page, with clap's English "Usage:" in Chinese.
pub const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";
pub const COMMANDS: &str = "命令";
pub const COMMAND: &str = "命令";
pub const ARGUMENTS: &str = "参数";
pub const OPTIONS: &str = "选项";

/// A usage line with clap's `[OPTIONS]` in Chinese.
pub fn usage(usage: &str) -> String {
    usage.replace("[OPTIONS]", "[选项]")
}

/// The accepted values, appended to a help text (in `backticks`: typed as they are).
pub fn accepted(values: &[String]) -> String {
    let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    format!("［可选：{}］", values.join("、"))
}

/// The default value, appended to a help text.
pub fn default(value: &str) -> String {
    format!("［默认：`{value}`］")
}

/// A value name (`DIR`, `TIME_LIMIT`) in Chinese, when known.
pub fn value_name(name: &str) -> Option<&'static str> {
    let zh = match name {
        "DIR" => "目录",
        "DIRS" => "目录",
        "EXPORT_MODEL" => "模型文件",
        "FILE" => "文件",
        "FORMAT" => "格式",
        "FORMULATION" => "建模方式",
        "GAP" => "间隙",
        "IDS" => "编号",
        "JOBS" => "并行数",
        "LANG" => "语言",
        "NODE_LIMIT" => "节点数",
        "OUT" => "输出",
        "PLAN" => "方案",
        "POLICY" => "政策文件",
        "REPORT" => "报告文件",
        "RULES" => "规则文件",
        "SCHOOLS" => "学校数",
        "SEED" => "随机种子",
        "SHARD" => "分片",
        "START" => "起始方案",
        "THREADS" => "线程数",
        "TIME_LIMIT" => "秒数",
        "XLSX" => "工作簿",
        "YEAR" => "学年",
        "YEARS" => "年数",
        _ => return None,
    };
    Some(zh)
}

/// The Chinese of a help or about text; an unknown text as it is (a test checks that
/// every text of the command line is known).
pub fn zh(en: &str) -> String {
    let zh = match en {
        "A plan directory or a plan workbook (`plan --xlsx`, perhaps edited by hand)" => {
            "方案文件夹或方案工作簿（`plan --xlsx` 写出的，可以手工改过）"
        }
        "A plan to evaluate after: a plan directory (moves.csv, hires.csv) or a plan workbook (`plan --xlsx`, perhaps edited by hand)" => {
            "评估实施该方案之后的县域：方案文件夹（moves.csv、hires.csv）或方案工作簿（`plan --xlsx` 写出的，可以手工改过）"
        }
        "Also compare plans made elsewhere: a plan folder or a plan workbook (`plan --xlsx`, perhaps edited by hand), each a row named after its file, scored under the first rule file's policy as the baselines are" => {
            "一并比较别处做的方案：方案文件夹或方案工作簿（`plan --xlsx` 写出的，可以手工改过），每个方案一行、以文件名命名，与基准规则一样按第一个规则文件的政策评分"
        }
        "Also write a self-contained HTML report (charts, tables) to this file" => {
            "另写一份独立的 HTML 报告（图表、表格）到此文件"
        }
        "Also write the explanations as a workbook: one row per id asked, the same text" => {
            "另把解释写成工作簿：每个所问编号一行，文字与屏幕相同"
        }
        "Also write the plan as an Excel workbook (moves, hires, schools, metrics)" => {
            "另把方案写成 Excel 工作簿（交流、新教师、学校、指标）"
        }
        "Also write them as a self-contained HTML page" => "另写成一个独立的 HTML 网页",
        "Branch-and-bound nodes per search of each counterfactual solve (the same on every machine)" => {
            "每次对照求解中每轮搜索的分支定界节点数（在任何机器上结果相同）"
        }
        "Branch-and-bound nodes per search of each year (same results on every machine)" => {
            "每年求解中每轮搜索的分支定界节点数（在任何机器上结果相同）"
        }
        "Branch-and-bound nodes per search: a work budget that cuts stages short at the same point on every machine (the time limit still holds)" => {
            "每轮搜索的分支定界节点数：按计算量而非时间截止，任何机器上都在同一处停下（时间限制仍然有效）"
        }
        "Check a county's data and policy; list every problem with where it is and how to fix it" => {
            "检查县域数据和政策文件；列出每个问题、所在位置和改法"
        }
        "Check a plan against every rule, independently of how it was made" => {
            "逐条规则检查一个方案，不论方案是怎样做出来的"
        }
        "County data directory (schools.csv, teachers.csv, ...)" => {
            "县域数据文件夹（schools.csv、teachers.csv 等）"
        }
        "County data directory or workbook" => "县域数据文件夹或工作簿",
        "County data directory, with exchanges.csv for the record so far" => {
            "县域数据文件夹，其中的 exchanges.csv 为历年交流记录"
        }
        "Evaluate the county against the national balance indicators (before and after a plan)" => {
            "按国家均衡指标评估县域（方案实施前后）"
        }
        "Explain a plan: why a teacher was or was not exchanged, what a school sent and received, where a new hire went; with --cost, what the other decision would cost" => {
            "解释方案：某教师为何交流或未交流、某学校派出和接收了谁、某新教师分配到哪里；加 --cost 时给出另一种决定的代价"
        }
        "First school year (default: the year after the record's latest start)" => {
            "第一个学年（默认：交流记录中最晚开始学年的下一年）"
        }
        "For each teacher, solve again with the teacher locked the other way (stay for a moved teacher, go for one left at home) and report what changes in each term" => {
            "对每名教师，把其锁定为相反的决定（已交流的留任、留任的交流）再求解一次，报告各目标项的变化"
        }
        "How teachers become decisions: classes of interchangeable teachers (fast) or one binary per teacher (the reference model). Both give the same optimum" => {
            "教师如何成为决策变量：按可互换的教师分类（快），或每名教师一个 0-1 变量（参照模型）。两者最优解相同"
        }
        "Join the outputs of sharded sweeps into the table an unsharded run writes" => {
            "把分片运行的情景分析结果合并成一张表，与不分片运行的结果相同"
        }
        "Language of every message, finding and report: zh or en (default: zh when the LC_ALL, LC_MESSAGES or LANG environment variable starts with zh, else en)" => {
            "所有提示、问题和报告的语言：`zh`（中文）或 `en`（英文）（默认：环境变量 LC_ALL、LC_MESSAGES 或 LANG 以 `zh` 开头时为中文，否则为英文）"
        }
        "Make an optimal exchange and new-hire plan" => "制定最优的教师交流和新教师分配方案",
        "Number of school rows (a nine-year campus is two rows)" => "学校行数（九年一贯制学校占两行）",
        "Number of school years to plan" => "规划的学年数",
        "Output directory" => "输出文件夹",
        "Output directory for the results table (results.csv, results.json)" => {
            "结果表的输出文件夹（results.csv、results.json）"
        }
        "Output directory: one plan per rule and the comparison table" => "输出文件夹：每条规则一个方案，另有对比表",
        "Output plan directory (moves.csv, hires.csv, summary.json)" => {
            "方案输出文件夹（moves.csv、hires.csv、summary.json）"
        }
        "Plan several consecutive school years, each given the earlier ones: exchanges, returns, retirements, hires, unfilled posts, CVs and the quota year by year" => {
            "连续规划若干学年，每年以前几年为准：逐年给出交流、返回、退休、新教师、缺岗、差异系数和交流比例"
        }
        "Policy file (default: the built-in models/national-2014.toml)" => {
            "政策文件（默认：内置的 models/national-2014.toml）"
        }
        "Print help" => "显示帮助",
        "Print help (see more with '--help')" => "显示帮助（用 --help 查看详细说明）",
        "Print help (see a summary with '-h')" => "显示帮助（用 -h 查看简要说明）",
        "Print this message or the help of the given subcommand(s)" => "显示本帮助，或所给命令的帮助",
        "Print help for the subcommand(s)" => "显示所给命令的帮助",
        "Print version" => "显示版本",
        "Re-plan from this plan (a plan folder or a plan workbook, perhaps edited by hand): its rows are kept as far as the policy's terms before `changes` allow (by default only the rules' violations), and rows that break a hard rule are set aside and listed with why" => {
            "以此方案为起点重新规划（方案文件夹或方案工作簿，可以手工改过）：在政策中排在 `changes` 之前的目标项允许的范围内保留其各行（默认只看规则违反数），违反硬性规则的行被搁置并列出原因"
        }
        "Relative MIP gap at which each stage stops" => "每个阶段停止时的相对间隙（MIP gap）",
        "Replace --out even when it is a folder with files that are not a rotaplan plan (no run.json or summary.json), such as a hand-made moves.csv" => {
            "即使 --out 是装有非 rotaplan 方案文件的文件夹（没有 run.json 或 summary.json，如手工做的 moves.csv），也将其替换"
        }
        "Rule files (models/*.toml): optimising policies or baseline allocators" => {
            "规则文件（models/*.toml）：优化政策或基准分配规则"
        }
        "Run several allocation rules on one county and compare them side by side" => {
            "对同一个县运行几种分配规则并逐项对比"
        }
        "Scenario file (TOML), see scenarios/" => "情景文件（TOML），见 scenarios/",
        "School year the plan is for, checked against exchanges.csv (as `plan --year`)" => {
            "方案所属学年，对照 exchanges.csv 检查（同 `plan --year`）"
        }
        "School year to plan (the autumn it starts), read against exchanges.csv: who is away, who returns, who is in the cool-off. Also writes the record for the next year (exchanges.csv in --out). Default: the year after the record's latest start" => {
            "要规划的学年（以开学的秋季年份记），对照 exchanges.csv 判断谁在外交流、谁返回、谁在间隔期内。同时写出下一年的交流记录（--out 中的 exchanges.csv）。默认：交流记录中最晚开始学年的下一年"
        }
        "Shard output directories" => "各分片的输出文件夹",
        "Solve every variant of a what-if scenario file, in parallel" => "并行求解情景文件中的每个变体（假设分析）",
        "Solve only shard i of n (1-based, e.g. 2/8), for runs spread over machines" => {
            "只求解 n 个分片中的第 i 个（从 1 起，如 2/8），用于分在多台机器上运行"
        }
        "Solver threads" => "求解器线程数",
        "Teacher rotation planning for county education bureaus" => "县级教育局的教师交流轮岗规划工具",
        "Teacher, school or new-hire ids, as in the county's files" => "教师、学校或新教师的编号，与县域数据文件中一致",
        "The workbook to write (.xlsx)" => "要写出的工作簿（.xlsx）",
        "Variants solved at once (default: the number of cores)" => "同时求解的变体数（默认：处理器核数）",
        "Wall-clock limit for each optimising rule's solve, in seconds" => "每条优化规则求解的时间上限（秒）",
        "Wall-clock limit for the whole solve, in seconds" => "整个求解的时间上限（秒）",
        "Wall-clock limit of each counterfactual solve, in seconds" => "每次对照求解的时间上限（秒）",
        "Wall-clock limit of each year's solve, in seconds" => "每年求解的时间上限（秒）",
        "Write a blank county workbook to fill in: the accepted sheets and headers, drop-down lists for every column with a fixed set of words, and a notes sheet" => {
            "写出一个待填写的空白县域工作簿：可用的工作表和表头、每个固定取值列的下拉列表，以及一张说明表"
        }
        "Write a synthetic county for demos, tests and benchmarks" => "生成一个模拟县域，供演示、测试和性能测试使用",
        "Write each year's county and plan (YEAR/county, YEAR/plan) and horizon.csv/json" => {
            "写出每年的县域数据和方案（年份/county、年份/plan）以及 horizon.csv/json"
        }
        "Write the model that is solved (.mps or .lp)" => "写出所求解的模型（.mps 或 .lp）",
        "table or json" => "table（表格）或 json",
        _ => en,
    };
    zh.to_string()
}

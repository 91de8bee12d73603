//! Every command's table output and messages in Chinese (`--lang zh`), as a process: each
//! test asserts the Chinese words a reader sees and that no English sentence leaks (three
//! English words in a row outside `backticks`, and known phrases of the English output).
//! Small generated counties and short solves keep it fast.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

fn rotaplan() -> Command {
    let mut c = Command::cargo_bin("rotaplan").unwrap();
    c.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "C");
    c
}

fn text(out: &[u8]) -> String {
    String::from_utf8(out.to_vec()).unwrap()
}

/// Runs `args` with `--lang zh`; (exit code, stdout, stderr).
fn zh(args: &[&str]) -> (i32, String, String) {
    let out = rotaplan().arg("--lang").arg("zh").args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// An 8-school generated county in `dir/county`.
fn county(dir: &Path) -> PathBuf {
    let c = dir.join("county");
    rotaplan().args(["generate", "--schools", "8", "--seed", "1", "--out"]).arg(&c).assert().success();
    c
}

/// A plan of the county in `dir/plan` (English run; the tests read it in Chinese).
fn plan(dir: &Path, county: &Path) -> PathBuf {
    let p = dir.join("plan");
    rotaplan().arg("plan").arg(county).arg("--out").arg(&p).args(["--time-limit", "10"]).assert().success();
    p
}

/// The first line holding an English sentence: three or more English words (two letters
/// or more, lower case), outside `backticks` and not counting the tokens with a digit,
/// `/`, `.`, `-` or `_` in them (paths, file names, ids, policy names, keys).
fn english_sentence(text: &str) -> Option<&str> {
    text.lines().find(|line| {
        let outside: Vec<&str> = line.split('`').step_by(2).collect();
        let words = outside
            .iter()
            .flat_map(|part| part.split_whitespace())
            .filter(|token| !token.chars().any(|c| c.is_ascii_digit() || "/.-_".contains(c)))
            .flat_map(|token| token.split(|c: char| !c.is_ascii_alphabetic()))
            .filter(|w| w.len() > 1 && w.starts_with(|c: char| c.is_ascii_lowercase()))
            .count();
        words >= 3
    })
}

/// Asserts `out` has every one of `want`, none of `not`, and no English sentence.
fn assert_chinese(what: &str, out: &str, want: &[&str], not: &[&str]) {
    for w in want {
        assert!(out.contains(w), "{what}: no \"{w}\" in\n{out}");
    }
    for n in not {
        assert!(!out.contains(n), "{what}: English \"{n}\" in\n{out}");
    }
    if let Some(line) = english_sentence(out) {
        panic!("{what}: an English sentence: {line}\nin\n{out}");
    }
}

#[test]
fn the_leak_check_finds_english() {
    assert!(english_sentence("Plan written to x (policy y).").is_some());
    assert!(english_sentence("  [C006] 新教师分配：new hire H1 is placed 0 times").is_some());
    assert!(english_sentence("方案已写入 /tmp/a b（政策 national-2014）。").is_none());
    assert!(english_sentence("运行 `rotaplan compare DIR --rules FILE` 即可").is_none());
    assert!(english_sentence("  S001 主城第一小学 [新增]：学历 0.50（最低标准 1.00，不足其 85%）").is_none());
    assert!(english_sentence("worse: 小学 degree_per_100 is spread").is_some());
}

#[test]
fn generate_and_plan_speak_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("county");
    let (code, out, _) = zh(&["generate", "--schools", "8", "--seed", "1", "--out", c.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_chinese("generate", &out, &["已写入", "所学校", "名教师"], &["wrote"]);
    let p = tmp.path().join("plan");
    let (code, out, err) = zh(&["plan", c.to_str().unwrap(), "--out", p.to_str().unwrap(), "--time-limit", "10"]);
    assert_eq!(code, 0, "{err}");
    assert_chinese(
        "plan",
        &out,
        &["方案已写入", "求解状态", "目标（按最小化的先后顺序）", "目标项", "证明方式", "缺岗", "交流人数"],
        &["Objective, in the order", "seconds (given)", "Plan written", "policy rule", "optimal", "search"],
    );
}

#[test]
fn wrong_arguments_are_refused_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let c = county(tmp.path());
    let (c, out) = (c.to_str().unwrap(), tmp.path().join("out"));
    let out = out.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["plan", c, "--out", out, "--time-limit", "0"], "--time-limit 必须大于 0 秒"),
        (&["plan", c, "--out", out, "--gap", "2"], "--gap 必须在 0 到 1 之间"),
        (&["plan", c, "--out", out, "--node-limit", "0"], "--node-limit 至少为 1"),
        (&["plan", c, "--out", out, "--threads", "0"], "--threads 必须在 1 到 256 之间"),
        (&["plan", c, "--out", out, "--report", c], "是一个文件夹"),
        (&["compare", c, "--rules", "models/national-2014.toml", "--time-limit", "0"], "--time-limit 必须大于 0 秒"),
        (&["generate", "--schools", "1", "--out", out], "--schools 至少为 2"),
    ];
    for (args, want) in cases {
        let (code, _, err) = zh(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        assert_chinese(&format!("{args:?}"), &err, &[want], &["must be", "got"]);
    }
}

#[test]
fn check_names_each_breach_in_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let c = county(tmp.path());
    let p = plan(tmp.path(), &c);
    // Every new hire unplaced (C006) and a move doubled (C001): rules a hand edit breaks.
    let hires = fs::read_to_string(p.join("hires.csv")).unwrap();
    fs::write(p.join("hires.csv"), hires.lines().next().unwrap().to_string() + "\n").unwrap();
    let moves = fs::read_to_string(p.join("moves.csv")).unwrap();
    let first = moves.lines().nth(1).expect("the plan moves a teacher");
    fs::write(p.join("moves.csv"), format!("{moves}{first}\n")).unwrap();
    fs::remove_file(p.join("run.json")).unwrap();
    let (code, out, err) = zh(&["check", c.to_str().unwrap(), "--plan", p.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert_chinese(
        "check",
        &out,
        &["[C006]", "被分配了 0 次；每名新教师应恰好分配一次", "[C001]", "被交流了不止一次", "条规则未满足"],
        &["is placed", "every hire", "moved more than once", "rule(s) broken"],
    );
}

#[test]
fn evaluate_speaks_chinese_before_and_after() {
    let tmp = tempfile::tempdir().unwrap();
    let c = county(tmp.path());
    let p = plan(tmp.path(), &c);
    let (code, out, err) = zh(&["evaluate", c.to_str().unwrap(), "--plan", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_chinese(
        "evaluate",
        &out,
        &[
            "县域评估",
            "（方案实施前后）",
            "小学：",
            "差异系数达标项：方案前",
            "学科岗位",
            "合计",
            "工资：",
            "城区",
            "达标",
        ],
        &["COUNTY EVALUATION", "Schools meeting", "SUBJECT POSTS", "PAY:", "County mean", "pass", "before"],
    );
}

#[test]
fn compare_speaks_chinese_and_takes_a_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let c = county(tmp.path());
    let p = plan(tmp.path(), &c);
    // A draft edited by hand: the plan without its first move (and without its run.json,
    // which would disown the edited file).
    let draft = tmp.path().join("draft");
    fs::create_dir(&draft).unwrap();
    let moves = fs::read_to_string(p.join("moves.csv")).unwrap();
    let kept: Vec<&str> = moves.lines().enumerate().filter(|(i, _)| *i != 1).map(|(_, l)| l).collect();
    fs::write(draft.join("moves.csv"), kept.join("\n") + "\n").unwrap();
    fs::copy(p.join("hires.csv"), draft.join("hires.csv")).unwrap();
    let p = draft;
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let rules = [models.join("national-2014.toml"), models.join("seniority.toml")];
    let out_dir = tmp.path().join("cmp");
    let mut args = vec!["compare", c.to_str().unwrap(), "--time-limit", "10", "--rules"];
    args.extend(rules.iter().map(|r| r.to_str().unwrap()));
    args.extend(["--plan", p.to_str().unwrap(), "--out", out_dir.to_str().unwrap()]);
    let (code, out, err) = zh(&args);
    assert_eq!(code, 0, "{err}");
    assert_chinese(
        "compare",
        &out,
        &["规则", "（方案前）", "缺岗数", "小学差异系数", "给定方案（未优化）", "draft", "优于全部 2 个", "比例要求"],
        &["before the plan", "unfilled posts", "beats", "Note:", "NOT met", "own objective"],
    );
    // The given plan is the row `draft`, scored like a baseline: the machine files keep
    // their English keys, and no plan folder is written for it.
    let csv = fs::read_to_string(out_dir.join("comparison.csv")).unwrap();
    assert!(csv.starts_with("rule,file,allocator,status,"), "{csv}");
    let row = csv.lines().find(|l| l.starts_with("draft,")).expect("a row for the given plan");
    assert!(row.contains(",plan,feasible,"), "{row}");
    assert!(!out_dir.join("draft").exists() && out_dir.join("seniority").is_dir());
    let optimiser = csv.lines().find(|l| l.starts_with("national-2014,")).unwrap();
    assert!(optimiser.ends_with("beats:seniority;beats:draft"), "judged against the draft too: {optimiser}");
}

#[test]
fn sweep_and_merge_speak_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("s.toml");
    let scenario = "name = \"zh\"\n[base]\ngenerate = { schools = 8 }\n[solve]\ntime_limit = 10\n\
                    [grid]\n\"policy.exchange.share\" = [0.10, 0.20]\nseeds = [1]\n";
    fs::write(&file, scenario).unwrap();
    let mut shards = Vec::new();
    for i in 1..=2 {
        let dir = tmp.path().join(format!("shard-{i}"));
        let shard = format!("{i}/2");
        let (code, out, err) =
            zh(&["sweep", file.to_str().unwrap(), "--jobs", "1", "--shard", &shard, "--out", dir.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert_chinese(
            "sweep",
            &out,
            &["情景“zh”", "2 个变体中的 1 个（分片", "结果已写入"],
            &["Sweep", "variants", "written"],
        );
        shards.push(dir);
    }
    let merged = tmp.path().join("merged");
    let mut args = vec!["merge"];
    args.extend(shards.iter().map(|d| d.to_str().unwrap()));
    args.extend(["--out", merged.to_str().unwrap()]);
    let (code, out, err) = zh(&args);
    assert_eq!(code, 0, "{err}");
    assert_chinese("merge", &out, &["已合并情景“zh”的 2 个分片", "2 个变体已写入"], &["Merged", "shard(s)"]);
    let (code, _, err) = zh(&["sweep", file.to_str().unwrap(), "--jobs", "0"]);
    assert_eq!(code, 1);
    assert_chinese("sweep --jobs 0", &err, &["--jobs 必须在 1 到"], &["must be"]);
}

#[test]
fn every_help_text_has_chinese() {
    use rotaplan::report::i18n::help;
    for text in rotaplan::args::english_texts() {
        match text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            Some(name) => assert!(help::value_name(name).is_some(), "no Chinese for the value name {text}"),
            None => assert_ne!(help::zh(&text), text, "no Chinese for the help text {text:?}"),
        }
    }
}

#[test]
fn help_speaks_chinese_with_lang_or_locale() {
    let by_locale = |args: &[&str]| {
        let out = rotaplan().env("LANG", "zh_CN.UTF-8").args(args).output().unwrap();
        (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
    };
    let not =
        ["Usage", "Options:", "Arguments:", "Commands:", "Print help", "[default", "possible values", "[OPTIONS]"];
    let cases = [
        (
            "--help",
            zh(&["--help"]),
            vec!["县级教育局的教师交流轮岗规划工具", "用法：rotaplan [选项] <命令>", "命令:", "制定最优的教师交流"],
        ),
        (
            "plan --help",
            zh(&["plan", "--help"]),
            vec![
                "用法：rotaplan plan [选项] --out <输出> <目录>",
                "参数:",
                "选项:",
                "整个求解的时间上限（秒）［默认：`60`］",
                "［可选：`aggregated`、`plain`］",
                "显示帮助",
            ],
        ),
        ("-h, locale", by_locale(&["plan", "-h"]), vec!["用法：rotaplan plan", "--time-limit <秒数>"]),
        (
            "help sweep",
            zh(&["help", "sweep"]),
            vec!["并行求解情景文件中的每个变体", "用法：rotaplan sweep [选项] <文件>"],
        ),
        (
            "--lang=zh last",
            {
                let o = rotaplan().args(["compare", "--help", "--lang=zh"]).output().unwrap();
                (o.status.code().unwrap(), text(&o.stdout), text(&o.stderr))
            },
            vec!["对同一个县运行几种分配规则", "--rules <规则文件>..."],
        ),
    ];
    for (what, (code, out, err), want) in cases {
        assert_eq!(code, 0, "{what}: {err}");
        assert_chinese(what, &out, &want, &not);
    }
    // English stays clap's own.
    let out = rotaplan().args(["plan", "--help"]).output().unwrap();
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("Usage: rotaplan plan [OPTIONS] --out <OUT> <DIR>"), "{}", text(&out.stdout));
}

#[test]
fn parse_errors_speak_chinese() {
    let cases: [(&[&str], &[&str]); 8] = [
        (
            &["plan", "c", "--out", "o", "--bogus"],
            &["不认识的参数 `--bogus`", "用法：rotaplan plan [选项] --out <输出> <目录>"],
        ),
        (
            &["plan", "c", "--out", "o", "--time-limt", "5"],
            &["不认识的参数 `--time-limt`", "是否想用参数 `--time-limit`"],
        ),
        (&["plan", "c", "--out"], &["--out <输出> 后面缺少取值"]),
        (&["plan", "c"], &["缺少必填的参数：--out <输出>"]),
        (&["plan", "c", "--out", "o", "--time-limit", "abc"], &["`abc` 不是 --time-limit <秒数> 可用的值：应为一个数"]),
        (
            &["plan", "c", "--out", "o", "--threads", "2.5"],
            &["`2.5` 不是 --threads <线程数> 可用的值：应为一个不带小数点的非负整数"],
        ),
        (
            &["validate", "c", "--format", "xml"],
            &["`xml` 不是 --format <格式> 可用的值（可选：`table`、`json`、`csv`）"],
        ),
        (&["pln"], &["没有 `pln` 这个命令", "是否想用命令 `plan`"]),
    ];
    for (args, want) in cases {
        let (code, out, err) = zh(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty() && err.starts_with("错误："), "{args:?}: {err}");
        assert_chinese(&format!("{args:?}"), &err, want, &["error:", "Usage", "For more information", "tip:"]);
    }
    // The locale alone switches them too; English stays clap's.
    let out = rotaplan().env("LC_ALL", "zh_CN.UTF-8").args(["plan", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("错误：不认识的参数 `--bogus`"), "{}", text(&out.stderr));
    let out = rotaplan().args(["plan", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: unexpected argument '--bogus'"), "{}", text(&out.stderr));
}

#[test]
fn sweep_problems_and_file_errors_speak_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    // E161: a transform of no known kind, a field its kind does not have, a policy value out
    // of range and a policy key that does not exist, each from the grid.
    let file = tmp.path().join("s.toml");
    let scenario = "name = \"zh\"\n[base]\ngenerate = { schools = 8 }\n[solve]\ntime_limit = 5\n\
                    [[transform]]\nkind = \"retir\"\n[[transform]]\nid = \"town\"\nkind = \"enrolment\"\nshare = 0.1\n\
                    [grid]\n\"transform.town.share\" = [0.1]\n\"policy.exchange.share\" = [0.1, 1.5]\n\
                    \"policy.exchange.shar\" = [0.1]\nseeds = [1]\n";
    fs::write(&file, scenario).unwrap();
    let (code, _, err) = zh(&["sweep", file.to_str().unwrap(), "--jobs", "1"]);
    assert_eq!(code, 2, "{err}");
    assert_chinese(
        "E161",
        &err,
        &[
            "[E161]",
            "变体 1（种子 1，",
            "没有 `retir` 这种 `kind`；`kind` 可取：`enrolment`、",
            "变换“town”（`kind` = `enrolment`）：未知的键 `share`",
            "政策键“exchange.shar”：未知的键 `shar`，可用的有 `share`",
        ],
        &["unknown", "variant", "correct the key"],
    );
    let (code, _, err) = zh(&["sweep", tmp.path().join("none.toml").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert_chinese("E160", &err, &["[E160]", "无法读取情景文件", "请给出一个 .toml 文件的路径"], &["cannot read"]);
    // A folder that is not a sweep's output, and files that cannot be written: the
    // operating system's reason in words too.
    let (code, _, err) = zh(&["merge", tmp.path().to_str().unwrap(), "--out", tmp.path().join("m").to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert_chinese(
        "merge",
        &err,
        &["不是 sweep 的输出文件夹", "找不到该文件或文件夹"],
        &["No such file", "is not a sweep"],
    );
    let (code, _, err) =
        zh(&["horizon", tmp.path().to_str().unwrap(), "--years", "0", "--out", tmp.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert_chinese("horizon", &err, &["--years 必须在 1 到 30 之间"], &["must be"]);
}

#[test]
fn every_finding_fixture_speaks_chinese_at_its_cell() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate");
    let mut codes = 0;
    for entry in fs::read_dir(&fixtures).unwrap() {
        let dir = entry.unwrap().path();
        let policy = dir.join("policy.toml");
        let mut args = vec!["validate", dir.to_str().unwrap()];
        if policy.is_file() {
            args.extend(["--policy", policy.to_str().unwrap()]);
        }
        let out = rotaplan().args(&args).output().unwrap();
        let en = text(&out.stdout);
        let (code, zh_out, err) = zh(&args);
        assert_eq!(Some(code), out.status.code(), "{args:?}: {err}");
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        assert_chinese(&name, &zh_out, &["处错误，", "处警告："], &["error(s)", "fix:"]);
        // Every finding in English is there in Chinese with its code, line and column letter.
        let (en_lines, zh_lines): (Vec<&str>, Vec<&str>) = (
            en.lines().filter(|l| l.starts_with("error[") || l.starts_with("warning[")).collect(),
            zh_out.lines().filter(|l| l.starts_with("错误[") || l.starts_with("警告[")).collect(),
        );
        assert_eq!(en_lines.len(), zh_lines.len(), "{name}:\n{en}\n{zh_out}");
        for (e, z) in en_lines.iter().zip(&zh_lines) {
            let code = &e[e.find('[').unwrap()..=e.find(']').unwrap()];
            assert!(z.contains(code), "{name}: {code} in {z}");
            if let Some(at) = e.find(" column ") {
                let letter: String = e[at + 8..].chars().take_while(char::is_ascii_uppercase).collect();
                if e[at + 8 + letter.len()..].starts_with(" (") {
                    assert!(z.contains(&format!(" {letter}列 (")), "{name}: column {letter} in {z}");
                }
            }
            codes += 1;
        }
    }
    assert!(codes >= 28, "{codes} findings");
}

#[test]
fn the_plan_workbook_is_filed_in_chinese() {
    use calamine::{Data, Reader};
    use std::io::Read;
    let tmp = tempfile::tempdir().unwrap();
    let c = county(tmp.path());
    let book = tmp.path().join("方案.xlsx");
    let p = tmp.path().join("plan");
    let args = ["plan", c.to_str().unwrap(), "--out", p.to_str().unwrap(), "--time-limit", "10"];
    let (code, _, err) = zh(&[&args[..], &["--xlsx", book.to_str().unwrap()]].concat());
    assert_eq!(code, 0, "{err}");
    let mut read = calamine::open_workbook_auto(&book).unwrap();
    assert_eq!(read.sheet_names(), ["交流名单", "新教师分配", "各校情况", "均衡指标"]);
    let mut zip = zip::ZipArchive::new(fs::File::open(&book).unwrap()).unwrap();
    for (i, name) in read.sheet_names().iter().enumerate() {
        let rows = read.worksheet_range(name).unwrap();
        let header: Vec<String> = rows.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        assert_chinese(name, &header.join(" "), &[], &[]);
        for row in rows.rows().skip(1) {
            for cell in row {
                match cell {
                    Data::Bool(_) => panic!("{name}: TRUE/FALSE in {row:?}"),
                    // Rounded as the sheet shows it: no float noise in the stored value.
                    Data::Float(v) => assert!(format!("{v}").len() <= 12, "{name}: unrounded {v}"),
                    Data::String(s) => {
                        assert!(!["TRUE", "FALSE", "true", "false"].contains(&s.as_str()), "{name}: {s}")
                    }
                    _ => {}
                }
            }
        }
        // Frozen header row, a filter on it, and a width for every column.
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{}.xml", i + 1)).unwrap().read_to_string(&mut xml).unwrap();
        assert!(xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""), "{name}: no frozen header");
        assert!(xml.contains("<autoFilter"), "{name}: no filter");
        let cols = xml.matches("<col ").count();
        assert!(cols >= 1 && xml.contains("customWidth=\"1\""), "{name}: no column widths");
    }
    // Reasons in words before their codes, yes/no in Chinese.
    let moves = read.worksheet_range("交流名单").unwrap();
    let header: Vec<String> = moves.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let at = |h: &str| header.iter().position(|x| x == h).unwrap_or_else(|| panic!("no {h} in {header:?}"));
    assert!(at("原因说明") < at("原因"), "{header:?}");
    let schools = read.worksheet_range("各校情况").unwrap();
    let weak = schools.rows().next().unwrap().iter().position(|c| *c == "是否薄弱学校").unwrap();
    assert!(schools.rows().skip(1).all(|r| ["是", "否"].contains(&r[weak].to_string().as_str())));
}

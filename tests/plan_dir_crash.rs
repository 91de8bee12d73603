//! A `rotaplan plan` killed at any moment leaves its plan directory holding the old plan or
//! the new one, whole, never a mixture and never a stray file; the next run removes what
//! the killed one left beside it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_rotaplan");
const FILES: [&str; 4] = ["hires.csv", "moves.csv", "run.json", "summary.json"];
/// The record for the next year, which `plan` writes for a county with one.
const RECORD: &str = "exchanges.csv";

fn run(args: &[&str], dirs: &[&Path]) -> std::process::Output {
    let out = Command::new(BIN).args(args).args(dirs).output().expect("rotaplan runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn spawn_plan(county: &Path, out: &Path) -> Child {
    Command::new(BIN)
        .arg("plan")
        .arg(county)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rotaplan starts")
}

/// FNV-1a, 64 bits, as run.json gives it.
fn fnv1a64(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
    format!("{h:016x}")
}

/// The directory holds exactly the four files of one run and the next year's record (the
/// generated county has an exchange record), each the one run.json lists; returns that
/// run's id.
fn whole_plan(dir: &Path) -> String {
    let names: BTreeSet<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let expected = FILES.iter().chain([&RECORD]).map(|s| s.to_string()).collect();
    assert_eq!(names, expected, "stray or missing files in {}", dir.display());
    let manifest: serde_json::Value = serde_json::from_slice(&fs::read(dir.join("run.json")).unwrap()).unwrap();
    let id = manifest["run_id"].as_str().unwrap().to_string();
    for name in ["moves.csv", "hires.csv", "summary.json", RECORD] {
        let bytes = fs::read(dir.join(name)).unwrap();
        let stamp = &manifest["files"][name];
        assert_eq!(stamp["bytes"], bytes.len() as u64, "{name} is not the file of run {id}");
        assert_eq!(stamp["fnv1a64"], fnv1a64(&bytes), "{name} is not the file of run {id}");
    }
    let summary: serde_json::Value = serde_json::from_slice(&fs::read(dir.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["run_id"], id.as_str(), "summary.json and run.json are of different runs");
    id
}

/// Entries of `parent` other than `keep`: only hidden `.rotaplan-` leftovers may be there.
fn leftovers(parent: &Path, keep: &[&str]) -> Vec<String> {
    let names: Vec<String> = fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect();
    for n in &names {
        assert!(n.starts_with(".rotaplan-"), "stray entry {n} in {}", parent.display());
    }
    names
}

/// Waits until the child has created its new plan directory beside `target` (or ended).
fn wait_for_staging(child: &mut Child, parent: &Path, target: &str, deadline: Instant) {
    let prefix = format!(".rotaplan-{target}.");
    while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
        let seen = fs::read_dir(parent).unwrap().filter_map(Result::ok).any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && n.ends_with(".new")
        });
        if seen {
            return;
        }
        std::thread::yield_now();
    }
}

/// A small linear congruential generator: the kill moments vary, the test needs no crate.
struct Moments(u64);

impl Moments {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

#[test]
fn a_killed_plan_leaves_the_old_plan_or_the_new_one_and_no_stray_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (county, plan, fresh) = (tmp.path().join("county"), tmp.path().join("plan"), tmp.path().join("fresh"));
    run(&["generate", "--schools", "8", "--seed", "5", "--out"], &[&county]);
    let started = Instant::now();
    run(&["plan"], &[&county, Path::new("--out"), &plan]);
    let full_run = started.elapsed();
    let mut current = whole_plan(&plan);
    let mut moments = Moments(u64::from(std::process::id()));
    let (mut replaced, mut mid_write) = (0, 0);
    let deadline = Instant::now() + Duration::from_secs(90);
    for i in 0..36 {
        if Instant::now() > deadline {
            break;
        }
        // Every third try writes a plan where there was none; the others replace one.
        let first = i % 3 == 2;
        let target = if first { &fresh } else { &plan };
        if first && target.exists() {
            fs::remove_dir_all(target).unwrap();
        }
        let before = leftovers(tmp.path(), &["county", "plan", "fresh"]);
        let mut child = spawn_plan(&county, target);
        if i % 2 == 0 {
            let limit = 2 * full_run.as_micros() as u64;
            std::thread::sleep(Duration::from_micros(moments.next(limit)));
        } else {
            let name = target.file_name().unwrap().to_str().unwrap();
            wait_for_staging(&mut child, tmp.path(), name, Instant::now() + 10 * full_run + Duration::from_secs(5));
            std::thread::sleep(Duration::from_micros(moments.next(3) * moments.next(1500)));
        }
        let _ = child.kill();
        child.wait().unwrap();
        // A new leftover: the kill fell while the new plan was being written or swapped in.
        if leftovers(tmp.path(), &["county", "plan", "fresh"]).iter().any(|n| !before.contains(n)) {
            mid_write += 1;
        }
        if first {
            if target.exists() {
                whole_plan(target);
            }
        } else {
            let id = whole_plan(target);
            replaced += usize::from(id != current);
            current = id;
        }
    }
    eprintln!("kills that left a new plan in place: {replaced}; kills during the write: {mid_write}");
    assert!(mid_write > 0, "no kill fell while the plan was being written; the test proves nothing");
    // The next run into each folder removes what the killed ones left beside it, and its
    // plan is whole and checkable.
    for target in [&fresh, &plan] {
        run(&["plan"], &[&county, Path::new("--out"), target]);
    }
    assert_eq!(leftovers(tmp.path(), &["county", "plan", "fresh"]), Vec::<String>::new());
    whole_plan(&fresh);
    assert_ne!(whole_plan(&plan), current);
    let check = Command::new(BIN).arg("check").arg(&county).arg("--plan").arg(&plan).output().unwrap();
    assert!(matches!(check.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&check.stderr));
}

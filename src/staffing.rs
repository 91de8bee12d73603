//! Staffing standard: each school's staff quota and its teaching posts by subject.
//!
//! Quota: `staff_quota` from schools.csv, else ceil(students / ratio of the stage)
//! (primary 1:19, junior 1:13.5; 2014 unified standard). Posts by subject: demand.csv
//! where it lists the school, else the quota split by the policy's curriculum shares with
//! the largest-remainder method, so that posts are whole and add up to the quota.

use crate::domain::{County, Policy, School, Subject};

/// Posts per subject, indexed by [`Subject::index`].
pub type SubjectPosts = [u32; Subject::COUNT];

/// Approved teaching posts of a school.
pub fn staff_quota(school: &School, policy: &Policy) -> u32 {
    school.staff_quota.unwrap_or_else(|| {
        let ratio = policy.students_per_teacher(school.stage);
        (school.students as f64 / ratio - 1e-9).ceil().max(0.0) as u32
    })
}

/// Teaching posts needed per school and subject (one row per school, in county order).
pub fn subject_demand(county: &County, policy: &Policy) -> Vec<SubjectPosts> {
    county
        .schools
        .iter()
        .enumerate()
        .map(|(i, school)| {
            let listed = county.demand.as_ref().filter(|d| d.posts.keys().any(|&(s, _)| s == i));
            match listed {
                Some(d) => {
                    let mut posts = [0; Subject::COUNT];
                    for k in Subject::ALL {
                        posts[k.index()] = d.posts.get(&(i, *k)).copied().unwrap_or(0);
                    }
                    posts
                }
                None => split_by_shares(staff_quota(school, policy), |k| policy.curriculum_share(school.stage, k)),
            }
        })
        .collect()
}

/// Splits `quota` posts over subjects in proportion to `share`, by largest remainder
/// (ties go to the subject listed first in the contract).
pub fn split_by_shares(quota: u32, share: impl Fn(Subject) -> f64) -> SubjectPosts {
    let exact: Vec<f64> = Subject::ALL.iter().map(|&k| quota as f64 * share(k)).collect();
    let mut posts = [0u32; Subject::COUNT];
    for (p, e) in posts.iter_mut().zip(&exact) {
        *p = e.floor() as u32;
    }
    let assigned: u32 = posts.iter().sum();
    let mut order: Vec<usize> = (0..Subject::COUNT).filter(|&k| exact[k] > 0.0).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    for &k in order.iter().take(quota.saturating_sub(assigned) as usize) {
        posts[k] += 1;
    }
    posts
}

/// Teachers present per school and subject, from a list of (school, subject).
pub fn present_by_subject(n_schools: usize, staff: impl IntoIterator<Item = (usize, Subject)>) -> Vec<SubjectPosts> {
    let mut present = vec![[0u32; Subject::COUNT]; n_schools];
    for (school, subject) in staff {
        present[school][subject.index()] += 1;
    }
    present
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_adds_up_and_follows_shares() {
        let shares = |k: Subject| match k {
            Subject::Chinese => 0.5,
            Subject::Math => 0.3,
            Subject::Pe => 0.2,
            _ => 0.0,
        };
        assert_eq!(split_by_shares(10, shares)[Subject::Chinese.index()], 5);
        let p = split_by_shares(3, shares);
        // exact 1.5, 0.9, 0.6: floors 1,0,0; remainders 0.9 (math) then 0.6 (pe).
        assert_eq!((p[0], p[1], p[Subject::Pe.index()]), (1, 1, 1));
        assert_eq!(p.iter().sum::<u32>(), 3);
    }
}

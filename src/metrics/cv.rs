//! The student-weighted coefficient of variation of the national balance evaluations.
//!
//! With `P_i` students and indicator value `x_i` at school `i`, `P = sum P_i`:
//!
//! ```text
//! mean = sum(P_i * x_i) / P            (= county total / county students)
//! S    = sqrt( sum(P_i * (x_i - mean)^2) / P )
//! CV   = S / mean
//! ```
//!
//! The population form (divide by `P`, not `P - 1`), weighted by students: an unweighted
//! or sample formula gives a different number, and the evaluation uses this one.
//!
//! ## Reference
//! `shared/domain.md`, "The coefficient of variation, exactly" (2012 basic-balance and 2017
//! quality-balance county evaluation methods, with a provincial guide's worked example).

/// Student-weighted mean and population standard deviation of `values`.
///
/// `None` when the slices differ in length or are empty, when a weight is negative or a
/// number is not finite, or when the weights add up to zero.
pub fn weighted_mean_sd(weights: &[f64], values: &[f64]) -> Option<(f64, f64)> {
    if weights.len() != values.len() || weights.is_empty() {
        return None;
    }
    if weights.iter().chain(values).any(|v| !v.is_finite()) || weights.iter().any(|&w| w < 0.0) {
        return None;
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let mean = weights.iter().zip(values).map(|(w, x)| w * x).sum::<f64>() / total;
    let variance = weights.iter().zip(values).map(|(w, x)| w * (x - mean).powi(2)).sum::<f64>() / total;
    Some((mean, variance.sqrt()))
}

/// Student-weighted coefficient of variation `S / mean` (population form).
///
/// `weights` are the schools' students `P_i`, `values` their indicator values `x_i`.
/// `None` where [`weighted_mean_sd`] is `None`, and when the mean is not positive (the CV
/// of an indicator that is zero everywhere is undefined, not zero).
///
/// ## Reference
/// `shared/domain.md`, "The coefficient of variation, exactly".
pub fn weighted_cv(weights: &[f64], values: &[f64]) -> Option<f64> {
    let (mean, sd) = weighted_mean_sd(weights, values)?;
    (mean > 0.0).then(|| sd / mean)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The provincial guide's worked example: books per student at five schools.
    fn books_per_student() -> (Vec<f64>, Vec<f64>) {
        let students = [45.0, 37.0, 89.0, 76.0, 55.0];
        let books = [279.0, 137.0, 935.0, 160.0, 402.0];
        let values = books.iter().zip(&students).map(|(b, p)| b / p).collect();
        (students.to_vec(), values)
    }

    fn round5(x: f64) -> f64 {
        (x * 1e5).round() / 1e5
    }

    #[test]
    fn worked_example_matches_the_guide() {
        let (students, values) = books_per_student();
        let (mean, sd) = weighted_mean_sd(&students, &values).unwrap();
        assert_eq!(round5(mean), 6.33444);
        assert_eq!(round5(sd), 3.26386);
        let cv = weighted_cv(&students, &values).unwrap();
        assert_eq!(round5(cv), 0.51526);
    }

    #[test]
    fn worked_example_is_not_a_wrong_formula() {
        let (students, values) = books_per_student();
        let cv = round5(weighted_cv(&students, &values).unwrap());
        // Unweighted population form gives 0.48877, unweighted sample form 0.54646.
        assert_ne!(cv, 0.48877);
        assert_ne!(cv, 0.54646);
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let ss: f64 = values.iter().map(|x| (x - mean).powi(2)).sum();
        assert_eq!(round5((ss / n).sqrt() / mean), 0.48877);
        assert_eq!(round5((ss / (n - 1.0)).sqrt() / mean), 0.54646);
    }

    #[test]
    fn mean_is_county_total_over_students() {
        let (students, values) = books_per_student();
        let (mean, _) = weighted_mean_sd(&students, &values).unwrap();
        assert!((mean - 1913.0 / 302.0).abs() < 1e-12);
    }

    #[test]
    fn equal_values_have_zero_cv() {
        assert_eq!(weighted_cv(&[10.0, 30.0], &[2.0, 2.0]), Some(0.0));
    }

    #[test]
    fn undefined_cases_are_none() {
        assert_eq!(weighted_cv(&[], &[]), None);
        assert_eq!(weighted_cv(&[1.0], &[1.0, 2.0]), None);
        assert_eq!(weighted_cv(&[0.0, 0.0], &[1.0, 2.0]), None);
        assert_eq!(weighted_cv(&[1.0, -1.0], &[1.0, 2.0]), None);
        assert_eq!(weighted_cv(&[1.0, 1.0], &[0.0, 0.0]), None);
        assert_eq!(weighted_cv(&[1.0, 1.0], &[f64::NAN, 1.0]), None);
    }
}

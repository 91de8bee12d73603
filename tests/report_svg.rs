//! The chart primitives on plain data: what is drawn, where, and what is left out.

use rotaplan::report::svg::{
    bar_chart, flow_chart, grouped_bars_with_threshold, line_chart, ChartOptions, Flow, Series, Threshold,
};

fn labels(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// The numeric value of attribute `attr` of every element whose class starts with `class`.
fn attr_of(svg: &str, class: &str, attr: &str) -> Vec<f64> {
    svg.split(&format!("class=\"{class}"))
        .skip(1)
        .map(|rest| {
            let tag = &rest[..rest.find('>').unwrap()];
            let at = tag.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
            tag[at..].split('"').next().unwrap().parse().unwrap()
        })
        .collect()
}

#[test]
fn bars_are_as_tall_as_their_values() {
    let svg = bar_chart(&labels(&["a", "b", "c"]), &[1.0, 2.0, 4.0], &ChartOptions::new("b", "Bars"));
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(svg.contains("data-marks=\"3\""));
    let h = attr_of(&svg, "mark bar", "height");
    assert_eq!(h.len(), 3);
    assert!((h[1] / h[0] - 2.0).abs() < 0.02 && (h[2] / h[0] - 4.0).abs() < 0.02, "{h:?}");
}

#[test]
fn threshold_outlines_the_bars_above_it_and_missing_values_draw_nothing() {
    let series = vec![
        Series::new("Before", vec![Some(0.6), Some(0.3), None]),
        Series::new("After", vec![Some(0.4), Some(0.2), Some(0.1)]),
    ];
    let limit = Threshold { value: 0.5, label: "limit ≤ 0.50".into() };
    let svg =
        grouped_bars_with_threshold(&labels(&["x", "y", "z"]), &series, Some(&limit), &ChartOptions::new("g", "G"));
    assert_eq!(svg.matches("class=\"mark bar").count(), 5);
    assert_eq!(svg.matches("class=\"mark bar s0 over\"").count(), 1);
    assert_eq!(svg.matches("class=\"threshold\"").count(), 1);
    assert!(svg.contains("limit ≤ 0.50") && svg.contains("class=\"legend\""));
    // The limit line is above the 0.4 bar's top and below the 0.6 bar's top.
    let y = attr_of(&svg, "threshold\"", "y1")[0];
    let tops = attr_of(&svg, "mark bar", "y");
    assert!(tops[0] < y && tops[1] > y, "{tops:?} vs {y}");
}

#[test]
fn no_data_is_a_dash_not_a_crash() {
    let opts = ChartOptions::new("e", "Empty");
    for svg in [
        bar_chart(&[], &[], &opts),
        grouped_bars_with_threshold(&labels(&["a"]), &[Series::new("s", vec![None])], None, &opts),
        line_chart(&[], &[], None, &opts),
        flow_chart(&labels(&["a"]), &labels(&["b"]), &[Flow { from: 0, to: 5, value: 3.0 }], &opts),
    ] {
        assert!(svg.contains("data-marks=\"0\"") && svg.contains("class=\"no-data\""), "{svg}");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
}

#[test]
fn labels_are_escaped() {
    let svg = bar_chart(&labels(&["<b>&"]), &[1.0], &ChartOptions::new("x\"y", "a < b"));
    assert!(svg.contains("&lt;b&gt;&amp;") && svg.contains("id=\"x&quot;y\"") && svg.contains("a &lt; b"));
}

#[test]
fn a_missing_value_breaks_the_line() {
    let x = [0.1, 0.2, 0.3, 0.4];
    let s =
        vec![Series::new("cv", vec![Some(0.5), Some(0.4), None, Some(0.3)]), Series::new("posts", vec![Some(3.0); 4])];
    let svg = line_chart(&x, &s, None, &ChartOptions::new("l", "Line"));
    assert_eq!(svg.matches("class=\"mark point").count(), 7);
    assert_eq!(svg.matches("class=\"mark line").count(), 2);
    let first = svg.split("class=\"mark line s0\" d=\"").nth(1).unwrap().split('"').next().unwrap();
    assert_eq!(first.matches('M').count(), 2, "two pieces: {first}");
}

#[test]
fn flow_bands_are_as_thick_as_their_values() {
    let svg = flow_chart(
        &labels(&["Urban", "Town", "New hires"]),
        &labels(&["Rural", "Town"]),
        &[
            Flow { from: 0, to: 0, value: 30.0 },
            Flow { from: 1, to: 0, value: 10.0 },
            Flow { from: 2, to: 1, value: 0.0 },
        ],
        &ChartOptions::new("f", "Flows"),
    );
    assert!(svg.contains("data-marks=\"2\""), "a flow of 0 is left out");
    let nodes = attr_of(&svg, "node\"", "height");
    // Sources Urban (30) and Town (10), target Rural (40): heights in proportion.
    assert_eq!(nodes.len(), 3);
    assert!((nodes[0] / nodes[1] - 3.0).abs() < 0.02 && (nodes[2] / nodes[1] - 4.0).abs() < 0.02, "{nodes:?}");
    assert!(svg.contains("Urban → Rural: 30"));
    assert!(!svg.contains(">New hires"), "a node without flows is not drawn");
}

//! Plain domain types: schools, teachers, new hires, policy, plans. No I/O, no solver.

pub mod county;
pub mod cycle;
pub mod enums;
pub mod locks;
pub mod plan;
pub mod policy;

pub use county::{County, Demand, Distances, Facilities, NewHire, School, Teacher};
pub use cycle::{post_school, year_view, Away, Cycle, ExchangeTerm, Projection, TeacherCycle, YearHires};
pub use enums::{parse_bool, Backbone, Degree, Gender, Locale, LockWord, Stage, Subject, Title};
pub use locks::{Lock, Locked};
pub use plan::{staff_after, staff_before, Move, MoveKind, Placement, Plan, Staff};
pub use policy::{Policy, QuotaScope, Term};

//! The optimisation model: an exchange and new-hire plan as a mixed integer linear program.
//!
//! Decisions: `x[t,s]` (eligible teacher t exchanged to school s for a term) and `h[n,s]`
//! (new hire n placed at school s), both binary. Every rule of the policy is a constraint
//! family; rules the county's data may make impossible are elastic (a non-negative slack
//! that the first objective term minimises), so an impossible policy still gives a plan
//! with its unavoidable violations explained. The full statement, symbol by symbol, is
//! `docs/model.md`; [`build`] holds one function per constraint family.

mod arrivals;
mod build;
mod explain;
mod instance;
mod naming;
mod start;
mod why;

pub use build::{build, BalanceEntry, Col, Model, Slack};
pub use explain::{extract_plan, slack_breaches, SlackGroup};
pub use instance::{carries, Formulation, HireUnit, Instance, Pair, Unit, INDICATORS};
pub use naming::name_for_pay;
pub use start::{exchange_nobody, start_columns, StartColumns};
pub use why::{Proof as WhyProof, Why};

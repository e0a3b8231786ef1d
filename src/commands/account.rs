//! `account`: who the key belongs to, its request limit and how much of the month's credit is
//! used. A cheap way to test a key.

use serde::Serialize;

use crate::api::Backend;

use super::Context;
use super::exit::{Failure, OK};
use super::output::{or_dash, yes_no};

pub(super) async fn account(ctx: &Context) -> Result<u8, Failure> {
    let conn = ctx.connect().await?;
    let info = conn.client.account_info().await?;
    let backend = match conn.backend {
        Backend::Live => "live",
        Backend::Sandbox => "sandbox",
    };
    if ctx.out.json {
        #[derive(Serialize)]
        struct Account<'a> {
            name: Option<&'a str>,
            uuid: Option<&'a str>,
            on_trial: Option<bool>,
            blocked: Option<bool>,
            expires_at: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Limits {
            requests_per_minute: Option<u32>,
        }
        #[derive(Serialize)]
        struct Usage {
            api_request_count: Option<u64>,
            max_api_request_count: Option<u64>,
        }
        // The backend is added by the printer, as in every document.
        #[derive(Serialize)]
        struct Doc<'a> {
            account: Account<'a>,
            limits: Limits,
            usage: Usage,
        }
        ctx.out.print_json(&Doc {
            account: Account {
                name: info.name.as_deref(),
                uuid: info.uuid.as_deref(),
                on_trial: info.on_trial,
                blocked: info.blocked,
                expires_at: info.expires_at.as_deref(),
            },
            limits: Limits {
                requests_per_minute: info.requests_per_minute,
            },
            usage: Usage {
                api_request_count: info.api_request_count,
                max_api_request_count: info.max_api_request_count,
            },
        })?;
        return Ok(OK);
    }
    let usage = match (info.api_request_count, info.max_api_request_count) {
        (Some(used), Some(max)) => format!("{used} of {max} requests this month"),
        (Some(used), None) => format!("{used} requests this month"),
        _ => "—".to_owned(),
    };
    ctx.out.print_fields(&[
        ("Backend", backend.to_owned()),
        ("Account", or_dash(info.name.as_deref())),
        ("UUID", or_dash(info.uuid.as_deref())),
        ("On trial", or_dash(info.on_trial.map(yes_no))),
        ("Blocked", or_dash(info.blocked.map(yes_no))),
        ("Expires at", or_dash(info.expires_at.as_deref())),
        (
            "Rate limit",
            or_dash(
                info.requests_per_minute
                    .map(|n| format!("{n} requests a minute")),
            ),
        ),
        ("Usage", usage),
    ]);
    Ok(OK)
}

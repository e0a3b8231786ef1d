//! Which columns the group table keeps, and how wide, for the width it has.
//!
//! Prefix and location are what tell the rows apart, so they are never dropped; the type is
//! never cut. When room runs short the table gives way in this order: features become
//! glyphs, notes become a badge, the setup price goes (the detail line shows it), then the
//! features, then the notes. Location takes what is left, but never more than it needs.

use unicode_width::UnicodeWidthStr;

use crate::api::model::Group;
use crate::money::Currency;
use crate::ui::text::{clean, short_features};

/// A column of the group table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Prefix,
    Location,
    Type,
    Setup,
    Monthly,
    Features,
    Notes,
}

/// The columns kept, their widths, and whether features and notes are compact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    pub columns: Vec<(Column, u16)>,
    pub(crate) compact_features: bool,
    pub(crate) compact_notes: bool,
}

/// The fewest cells the location gets before the table gives anything else up.
const LOCATION_MIN: usize = 12;

/// The plan for `groups` in a table `width` cells wide (after the cursor's marker).
pub(crate) fn plan(groups: &[&Group], width: u16, currency: Currency) -> Plan {
    let widest = |title: &str, text: &dyn Fn(&Group) -> String| {
        groups
            .iter()
            .map(|g| text(g).width())
            .chain([title.width()])
            .max()
            .unwrap_or(0)
    };
    let prefix = widest("Prefix", &|g| clean(&g.prefix).into_owned());
    let location = widest("Location", &|g| clean(&g.location).into_owned());
    let kind = widest("Type", &|g| clean(&g.did_type).into_owned());
    let setup = widest("Setup", &|g| currency.show(g.price.setup));
    let monthly = widest("Monthly", &|g| currency.show(g.price.monthly));
    let features = widest("Features", &|g| short_features(&g.features));
    let glyphs = widest("Feat", &|g| feature_glyphs(&g.features));
    let notes = widest("Notes", &|g| notes_text(g, false).to_owned());
    let badge = widest("!", &|g| notes_text(g, true).to_owned());

    let available = usize::from(width);
    // From the fullest table to the barest; the first where the location has room wins.
    let shapes: [(bool, bool, bool, bool, bool); 6] = [
        // (compact features, compact notes, setup, features, notes)
        (false, false, true, true, true),
        (true, false, true, true, true),
        (true, true, true, true, true),
        (true, true, false, true, true),
        (true, true, false, false, true),
        (true, true, false, false, false),
    ];
    let mut chosen = None;
    for (n, &(compact_features, compact_notes, with_setup, with_features, with_notes)) in
        shapes.iter().enumerate()
    {
        let mut fixed = vec![(Column::Prefix, prefix), (Column::Type, kind)];
        if with_setup {
            fixed.push((Column::Setup, setup));
        }
        fixed.push((Column::Monthly, monthly));
        if with_features {
            let w = if compact_features { glyphs } else { features };
            fixed.push((Column::Features, w));
        }
        if with_notes {
            let w = if compact_notes { badge } else { notes };
            fixed.push((Column::Notes, w));
        }
        // One space between every two columns, the location included.
        let used: usize = fixed.iter().map(|(_, w)| w).sum::<usize>() + fixed.len();
        let room = available.saturating_sub(used);
        let last = n + 1 == shapes.len();
        if room >= location.min(LOCATION_MIN) || last {
            let location_width = room.min(location).max(1);
            fixed.insert(1, (Column::Location, location_width));
            chosen = Some((fixed, compact_features, compact_notes));
            break;
        }
    }
    let (columns, compact_features, compact_notes) =
        chosen.unwrap_or_else(|| (vec![(Column::Prefix, prefix)], true, true));
    Plan {
        columns: columns
            .into_iter()
            .map(|(c, w)| (c, u16::try_from(w).unwrap_or(u16::MAX)))
            .collect(),
        compact_features,
        compact_notes,
    }
}

/// The notes of a group: documents needed, and a number that cannot be chosen; as a badge
/// (`⚠r`) when `compact`.
pub(crate) fn notes_text(group: &Group, compact: bool) -> &'static str {
    match (
        group.has_requirements(),
        group.allow_number_selection,
        compact,
    ) {
        (true, false, false) => "⚠ docs random",
        (true, true, false) => "⚠ docs",
        (false, false, false) => "random",
        (true, false, true) => "⚠r",
        (true, true, true) => "⚠",
        (false, false, true) => "r",
        (false, true, _) => "",
    }
}

/// The features as glyphs: `S` SMS both ways (`S↓` in only, `S↑` out only), `W` WhatsApp,
/// `B` WhatsApp Business; `V` when there is only voice.
pub(crate) fn feature_glyphs(features: &[String]) -> String {
    let has = |name: &str| features.iter().any(|f| f.eq_ignore_ascii_case(name));
    let mut out = String::new();
    match (has("sms_in"), has("sms_out")) {
        (true, true) => out.push('S'),
        (true, false) => out.push_str("S↓"),
        (false, true) => out.push_str("S↑"),
        (false, false) => {}
    }
    if has("whatsapp") {
        out.push('W');
    }
    if has("whatsapp_business") {
        out.push('B');
    }
    if out.is_empty() && has("voice") {
        out.push('V');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn group(prefix: &str, location: &str, kind: &str) -> Group {
        serde_json::from_value(json!({
            "id": "g", "prefix": prefix, "location": location, "type": kind,
            "price": {"setup_price": "10.00", "monthly_price": "12.50"},
            "features": ["voice", "sms_in", "sms_out", "whatsapp_business"],
            "requirements": [{"type": "identity"}], "allow_number_selection": false
        }))
        .unwrap()
    }

    fn kept(plan: &Plan) -> Vec<Column> {
        plan.columns.iter().map(|(c, _)| *c).collect()
    }

    #[test]
    fn prefix_and_location_stay_and_the_type_is_never_cut_when_narrow() {
        let groups = [
            group("+49 30", "Berlin", "sharedcost"),
            group("+49 89", "München", "local"),
        ];
        let refs: Vec<&Group> = groups.iter().collect();
        let plan = plan(&refs, 56, Currency::USD);
        let columns = kept(&plan);
        assert_eq!(
            columns[..3],
            [Column::Prefix, Column::Location, Column::Type]
        );
        let width_of = |column| plan.columns.iter().find(|(c, _)| *c == column).unwrap().1;
        assert_eq!(width_of(Column::Type), 10, "sharedcost whole");
        assert_eq!(width_of(Column::Prefix), 6, "+49 30 whole");
        assert!(width_of(Column::Location) >= 7, "München whole");
        assert!(plan.compact_features && plan.compact_notes);
        let total: u16 = plan.columns.iter().map(|(_, w)| w + 1).sum();
        assert!(total <= 57, "{plan:?}");
    }

    #[test]
    fn a_wide_table_keeps_everything_and_gives_location_only_what_it_needs() {
        let groups = [group("+1 (213)", "Los Angeles", "sharedcost")];
        let refs: Vec<&Group> = groups.iter().collect();
        let plan = plan(&refs, 116, Currency::USD);
        assert_eq!(plan.columns.len(), 7);
        assert!(!plan.compact_features && !plan.compact_notes);
        assert_eq!(plan.columns[1], (Column::Location, 11));
    }

    #[test]
    fn features_shrink_to_glyphs() {
        let all = [
            "voice",
            "sms_in",
            "sms_out",
            "whatsapp",
            "whatsapp_business",
        ]
        .map(String::from);
        assert_eq!(feature_glyphs(&all), "SWB");
        assert_eq!(feature_glyphs(&["sms_in".to_owned()]), "S↓");
        assert_eq!(feature_glyphs(&["voice".to_owned()]), "V");
    }
}

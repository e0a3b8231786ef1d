//! Which columns a list keeps, and how wide, for the width it has: the country, number and
//! cross-group lists give way as the group table does (see `group_columns`).
//!
//! The columns that tell the rows apart are never dropped. When room runs short, the columns
//! that can shrink do so first, down to their least useful width; then the other columns go,
//! in the order each one's `drop_rank` says (the highest first). What is left over goes to
//! the last column kept.

/// What a column would like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wanted {
    /// The width it needs to show everything.
    pub width: u16,
    /// The least width it is useful at; below it, other columns give way.
    pub min: u16,
    /// `None`: it tells the rows apart and is never dropped; otherwise the higher the rank,
    /// the sooner it goes.
    pub(crate) drop_rank: Option<u8>,
}

impl Wanted {
    /// A column that tells the rows apart, shrinking down to `min`.
    pub(crate) const fn identifies(width: u16, min: u16) -> Self {
        Self {
            width,
            min,
            drop_rank: None,
        }
    }

    /// A column of extra facts, dropped at `rank` (the highest first), never shrunk.
    pub(crate) const fn extra(width: u16, rank: u8) -> Self {
        Self {
            width,
            min: width,
            drop_rank: Some(rank),
        }
    }
}

/// The width of each column in a table `width` cells wide (after the cursor's marker), one
/// space apart; `None` for a column dropped.
pub(crate) fn fit(columns: &[Wanted], width: u16) -> Vec<Option<u16>> {
    let mut kept: Vec<bool> = vec![true; columns.len()];
    loop {
        let chosen = || {
            columns
                .iter()
                .zip(&kept)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c)
        };
        let spacing = u16::try_from(chosen().count().saturating_sub(1)).unwrap_or(u16::MAX);
        let wanted: u16 = chosen().map(|c| c.width).sum::<u16>() + spacing;
        let least: u16 = chosen().map(|c| c.min.min(c.width)).sum::<u16>() + spacing;
        if least <= width {
            return widths(columns, &kept, wanted, width);
        }
        let next = (columns.iter().enumerate())
            .filter(|(i, c)| kept[*i] && c.drop_rank.is_some())
            .max_by_key(|(_, c)| c.drop_rank);
        match next {
            Some((index, _)) => kept[index] = false,
            // Only the columns that identify the rows are left: they are cut, not dropped.
            None => return widths(columns, &kept, wanted, width),
        }
    }
}

/// The widths of the `kept` columns: each as wanted, the shrinkable ones (left to right)
/// shrunk until they fit, what is left over given to the last column kept.
fn widths(columns: &[Wanted], kept: &[bool], wanted: u16, width: u16) -> Vec<Option<u16>> {
    let mut out: Vec<Option<u16>> = (columns.iter().zip(kept))
        .map(|(c, k)| k.then_some(c.width))
        .collect();
    let mut excess = wanted.saturating_sub(width);
    for (slot, column) in out.iter_mut().zip(columns) {
        if let Some(w) = slot {
            let give = excess.min(w.saturating_sub(column.min));
            *w -= give;
            excess -= give;
        }
    }
    if excess > 0 {
        // Even the least widths do not fit: cut the first kept column further.
        if let Some(w) = out.iter_mut().flatten().next() {
            *w = w.saturating_sub(excess);
        }
    } else if let Some(last) = out.iter_mut().rev().flatten().next() {
        *last += width.saturating_sub(wanted);
    }
    out
}

/// The items of `cells` whose column is kept, paired with its width.
pub(crate) fn kept<T>(cells: Vec<T>, widths: &[Option<u16>]) -> Vec<(T, u16)> {
    cells
        .into_iter()
        .zip(widths)
        .filter_map(|(cell, width)| width.map(|w| (cell, w)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extras_go_in_rank_order_after_the_identifying_columns_shrank() {
        let columns = [
            Wanted::identifies(17, 17),
            Wanted::identifies(30, 12),
            Wanted::extra(10, 1),
            Wanted::extra(12, 2),
        ];
        // Everything fits: the last column takes what is left.
        assert_eq!(fit(&columns, 80), [Some(17), Some(30), Some(10), Some(20)]);
        // Room for all once the second column shrinks.
        assert_eq!(fit(&columns, 60), [Some(17), Some(18), Some(10), Some(12)]);
        // The highest rank goes first, then the next.
        assert_eq!(fit(&columns, 45), [Some(17), Some(16), Some(10), None]);
        assert_eq!(fit(&columns, 30), [Some(17), Some(12), None, None]);
        // Narrower than the identifying columns: they are cut, never dropped.
        assert_eq!(fit(&columns, 20), [Some(7), Some(12), None, None]);
    }
}

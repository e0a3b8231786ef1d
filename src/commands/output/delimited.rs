//! Tables for scripts: TSV (one header line, no padding, one line per row) and CSV.

use super::Table;

impl Table {
    /// Tab-separated: the header line, then one line per row; tabs and line breaks inside a
    /// cell become spaces, so that every line has the same fields.
    pub(crate) fn tsv(&self) -> String {
        let clean = |cell: &str| cell.replace(['\t', '\n', '\r'], " ");
        let mut text = String::new();
        let header: Vec<&str> = self.columns.iter().map(|(h, _)| *h).collect();
        text.push_str(&header.join("\t"));
        text.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = (0..self.columns.len())
                .map(|i| clean(row.get(i).map_or("", String::as_str)))
                .collect();
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        text
    }

    /// Comma-separated, quoted where a cell needs it.
    pub(crate) fn csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let header = self.columns.iter().map(|(h, _)| *h);
        let rows = self.rows.iter().map(|row| {
            (0..self.columns.len())
                .map(|i| row.get(i).map_or("", String::as_str))
                .collect::<Vec<_>>()
        });
        // Writing to memory cannot fail.
        let _ = writer.write_record(header);
        for row in rows {
            let _ = writer.write_record(row);
        }
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Align;
    use super::*;

    #[test]
    fn tsv_and_csv_have_one_header_line_and_no_padding() {
        let mut table = Table::new(&[("ID", Align::Left), ("SETUP", Align::Right)], "none");
        table.row(vec!["de-1".into(), "1.00".into()]);
        table.row(vec!["de\tberlin, 22".into(), "12.50".into()]);
        assert_eq!(table.tsv(), "ID\tSETUP\nde-1\t1.00\nde berlin, 22\t12.50\n");
        assert_eq!(
            table.csv(),
            "ID,SETUP\nde-1,1.00\n\"de berlin, 22\",12.50\n"
        );
        let empty = Table::new(&[("ID", Align::Left)], "none");
        assert_eq!(empty.tsv(), "ID\n");
    }
}

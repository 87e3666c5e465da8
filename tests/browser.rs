//! The site of `touchline show records.jsonl -o DIR` as headless Chromium renders it:
//! every mention of a report is a `<mark>`, the timeline has one row per event, each
//! event's link leads to an element of the page, and `scripts/screenshot` writes PNGs.
//! Runs where Debian's `chromium` is installed; says so and passes where it is not.

use std::fs;
use std::path::Path;
use std::process::Command;
use touchline::export::read_records;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Runs `cmd`, which must succeed, and returns its stdout.
fn succeeds(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn dump_dom(page: &Path, profile: &Path) -> String {
    succeeds(
        Command::new(CHROMIUM)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("file://{}", page.display())),
    )
}

#[test]
fn rendered_pages_mark_every_mention_and_list_every_event() {
    if !Path::new(CHROMIUM).exists() {
        println!("note: no {CHROMIUM} (apt-get install -y chromium); browser check skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("out.jsonl");
    let site = dir.path().join("site");
    let profile = dir.path().join("profile");
    let run = |args: &[&str]| succeeds(Command::new(env!("CARGO_BIN_EXE_touchline")).args(args));
    run(&[
        "extract",
        "data/examples",
        "-q",
        "-o",
        records.to_str().unwrap(),
    ]);
    run(&[
        "show",
        records.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
    ]);

    let file = read_records(&records).unwrap();
    assert_eq!(file.records.len(), 3);
    let index = dump_dom(&site.join("index.html"), &profile);
    for (_, record) in &file.records {
        let page = site.join(format!("reports/{}.html", record.id));
        assert!(index.contains(&format!("href=\"reports/{}.html\"", record.id)));
        let dom = dump_dom(&page, &profile);
        assert_eq!(
            dom.matches("<mark ").count(),
            record.entities.len(),
            "{}: marks",
            record.id
        );
        assert_eq!(
            dom.matches("<tr class=\"ev ").count(),
            record.events.len(),
            "{}: timeline rows",
            record.id
        );
        let links: Vec<&str> = dom
            .split("href=\"#")
            .skip(1)
            .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
            .collect();
        assert!(
            !links.is_empty(),
            "{}: no event links to a sentence",
            record.id
        );
        for id in links {
            assert!(
                dom.contains(&format!("id=\"{id}\"")),
                "{}: #{id} leads nowhere",
                record.id
            );
        }
        assert!(dom.contains("<svg class=\"icon\""));
    }
    let summary = dump_dom(&site.join("summary.html"), &profile);
    assert!(summary.contains("<svg class=\"chart\""));
    assert_eq!(summary.matches("<rect class=\"bar\"").count(), 7);

    let shots = dir.path().join("shots");
    succeeds(Command::new("scripts/screenshot").arg(&site).arg(&shots));
    for name in ["index", "summary", "report-lionesses-v-norway"] {
        let png = fs::read(shots.join(format!("{name}.png"))).unwrap();
        assert!(
            png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{name}.png is not a PNG"
        );
    }
}

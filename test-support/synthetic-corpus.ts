import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A small made-up corpus of three kinds of document, for engine tests that must not lean on the real
 * corpus's answers: a plain-text annual report with a timeline in ISO and day-month dates, Markdown
 * release notes with dated headings, and a handbook page with opening hours and no year at all.
 */
export const SYNTHETIC_DOCUMENTS: Record<string, string> = {
  "annual-report.txt": `Harbour Library Network: Annual Report 2023

Overview
The Harbour Library Network runs six branch libraries and one mobile library across the Vell estuary. In 2023 the network lent 412,000 items and welcomed 388,000 visitors, up 7% on 2022.

People
The network is led by its director, Ingrid Céloron, who joined in 2021. The chair of the board is Tomas Brannigan. The head of collections, Aisha Verhoeven, oversaw the move of the local history archive.

Finances
Income for 2023 was £5.2 million, of which £4.1 million came from the city council. Spending on new books and media reached £610,000. The roof repair at Quayside branch cost £240,000.

Timeline
2023-01-16 - Quayside branch closes for roof repairs after storm damage
09 Feb 2023: The board appoints Tomas Brannigan as chair
2023-03-06 - Mobile library begins a weekly route to Fennick village
21 Mar 2023: Local history archive moves to the Old Customs House
2023-04-24 - Quayside branch reopens after the roof repair
2023-07-03 - Summer reading challenge opens with 2,900 children signed up
14 Aug 2023: Heatwave: three branches open late as cool spaces
2023-09-18 - Digital lending platform Lumen goes live
2023-10-02 - Week of events for the network's 50th anniversary begins
2023-10-09 - Anniversary exhibition opens at Central branch
2023-11-27 - Board approves the 2024 budget of £5.5 million
`,
  "release-notes.md": `# Lumen release notes

## 2.1.0 (2023-05-10)
- Added audiobook loans on the mobile app.
- Fixed a crash when a reader's card number had a leading zero.

## 2.2.0 (2023-08-22)
- Added a reading history page that readers can switch off.
- The catalogue search now understands accented names.

## 3.0.0 (2023-12-05)
- Removed support for the old kiosk terminals.
- Readers can now renew up to 20 items at once.
`,
  "visitor-guide.md": `# Visitor guide

## Opening hours
Central branch is open Monday to Saturday from 08:30 to 17:30. On Sundays it opens from 11:00 to 16:00.

## Events
The reading garden at Central branch opened on May 15 and hosts storytelling every Friday afternoon.

## Membership
Membership is free for everyone who lives, works or studies in the estuary. Bring a photo ID and a proof of address to join.
`,
};

/** Writes the synthetic corpus into a new temporary folder and returns its corpus and data folders. */
export async function writeSyntheticCorpus(): Promise<{ corpusDir: string; dataDir: string }> {
  const root = await mkdtemp(join(tmpdir(), "chronicle-synthetic-"));
  const corpusDir = join(root, "corpus");
  await mkdir(corpusDir);
  for (const [name, text] of Object.entries(SYNTHETIC_DOCUMENTS)) await writeFile(join(corpusDir, name), text);
  return { corpusDir, dataDir: join(root, "data") };
}

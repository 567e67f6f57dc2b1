import { MONTH_NAMES } from "../dates/index.js";

// Capitalized words that make a run a place, a body or an event rather than a person.
const NOT_PERSON = new Set([
  "Province", "Sea", "Ocean", "Oceans", "Port", "Bay", "City", "Island", "Islands", "Strait", "River", "Region", "Pacific", "Arctic",
  "Forum", "Summit", "Organization", "Council", "Ministry", "Department", "Committee", "Commission", "Fleet", "Navy", "Army",
  "Forces", "Force", "Union", "Declaration", "Initiative", "Exercise", "Joint", "Group", "Party", "Assembly", "Conference",
  "University", "Cathedral", "Expo", "Office", "Guard", "Headquarters", "Statement", "Treaty", "Federation", "Republic",
  "BRICS", "SCO", "UN", "US", "EU", "PLA", "NATO", "ASEAN", "G7", "G20", "CCP", "The", "This", "That", "These", "In", "On",
  "China", "Russia", "Ukraine", "Beijing", "Moscow", "Kremlin", "Washington", "Taiwan", "Japan", "Korea", "India", "Iran",
  "East", "West", "North", "South", "Far", "Western", "Eastern", "Northern", "Southern", "Central", "Asia", "Europe",
  "America", "Africa", "Middle", "Global", "Asia-Pacific", "Indo-Pacific", "Arctic", "Kazan", "Astana", "Harbin",
  "At", "As", "After", "Before", "During", "While", "For", "With", "From", "And", "But", "A", "An", "It", "He", "She", "They",
  ...MONTH_NAMES, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
]);
const TITLE = /^(President|Premier|Minister|FM|PM|Secretary|Gen|General|Adm|Admiral|Prof|Professor|Dr|Mr|Mrs|Ms|Ambassador|Envoy|Chairman|Commander|Director|Director-General|Advisor|Adviser|Vice|Deputy|Senator|King|Prince|Pope)\.?$/;
const COUNTRYISH = /(ian|ese|ish|an|i)$/;

/**
 * Names that look like people's in a passage: runs of two or more capitalized words ("Li Hui",
 * "Sergey Shoigu") or one after a title ("FM Lavrov"), with places, bodies, events, months and
 * nationalities split off. A heuristic for one purpose: a who-question's answer must name someone.
 */
export function personNames(text: string): string[] {
  const words = text.match(/[\p{L}][\p{L}’'.-]*/gu) ?? [];
  const names: string[] = [];
  let run: string[] = [];
  let titled = false;
  const close = () => {
    if (run.length >= 2 || (run.length === 1 && titled)) names.push(run.join(" "));
    run = [];
  };
  for (const raw of words) {
    const word = raw.replace(/[’']s$/, "").replace(/\.$/, "");
    const capitalized = /^\p{Lu}/u.test(word);
    if (capitalized && TITLE.test(word)) {
      close();
      titled = true;
      continue;
    }
    if (!capitalized || NOT_PERSON.has(word) || (run.length === 0 && COUNTRYISH.test(word) && /^(Chinese|Russian|Ukrainian|Brazilian|American|Belarusian|Indian|Iranian|Japanese|Korean|Kazakh|Pakistani|Egyptian|Turkish|Lao|Canadian|Polish|Afghan)$/.test(word))) {
      close();
      titled = false;
      continue;
    }
    run.push(word);
  }
  close();
  return names;
}

// CSV/TSV: the text is streamed to the sink as for plain text and, on the
// way, split into rows for the tables stage. One pass over the file, so a
// multi-gigabyte export costs no more memory than a small one.

#include <algorithm>
#include <array>
#include <string>

#include "extract/internal.h"

namespace tahqiq::extract::internal {
namespace {

// Bounds that keep a hostile file (one endless quoted field, a row of a
// million commas) from growing memory: longer fields are cut, extra cells
// dropped. The text itself is not affected.
constexpr size_t kMaxFieldBytes = 1 << 20;
constexpr size_t kMaxCells = 16384;  // As many columns as a spreadsheet has.

// Fields per record of the first records of `sample`, quote-aware.
std::vector<size_t> FieldCounts(std::string_view sample, char delim, size_t max_records) {
  std::vector<size_t> counts;
  size_t fields = 1;
  bool quoted = false, empty = true;
  for (char c : sample) {
    if (counts.size() >= max_records) break;
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == delim) {
      ++fields;
    } else if (!quoted && c == '\n') {
      if (!empty) counts.push_back(fields);
      fields = 1;
      empty = true;
      continue;
    }
    empty = false;
  }
  return counts;
}

}  // namespace

char DetectDelimiter(std::string_view sample, bool whole) {
  if (!whole) {
    const size_t nl = sample.rfind('\n');
    if (nl != std::string_view::npos) sample = sample.substr(0, nl + 1);
  }
  char best = ',';
  double best_score = 0;
  for (char delim : {',', '\t', ';', '|'}) {
    const std::vector<size_t> counts = FieldCounts(sample, delim, 50);
    if (counts.empty()) continue;
    // The most common field count, and how many records have it.
    std::vector<size_t> sorted = counts;
    std::sort(sorted.begin(), sorted.end());
    size_t mode = sorted[0], mode_n = 0;
    for (size_t i = 0; i < sorted.size();) {
      size_t j = i;
      while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
      if (j - i > mode_n || (j - i == mode_n && sorted[i] > mode)) {
        mode = sorted[i];
        mode_n = j - i;
      }
      i = j;
    }
    if (mode < 2) continue;
    // Consistency first, then width; a tab is rarely there by accident.
    double score = static_cast<double>(mode_n) / counts.size() * 100 + std::min<size_t>(mode, 50);
    if (delim == '\t') score += 5;
    if (score > best_score) {
      best_score = score;
      best = delim;
    }
  }
  return best;
}

bool LooksTabular(std::string_view sample, bool whole, char delim) {
  if (!whole) {
    const size_t nl = sample.rfind('\n');
    if (nl != std::string_view::npos) sample = sample.substr(0, nl + 1);
  }
  const std::vector<size_t> counts = FieldCounts(sample, delim, 50);
  if (counts.size() < 3) return false;
  // Indented text (a change log, a code listing, a poem) starts its lines
  // with tabs: a delimiter at the start of most lines is layout, not an
  // empty first column. Treated as tables, such files filled a grown corpus
  // with thousands of one-document tables.
  size_t lines = 0, leading = 0;
  for (size_t at = 0; at < sample.size();) {
    size_t end = sample.find('\n', at);
    if (end == std::string_view::npos) end = sample.size();
    if (end > at && sample.substr(at, end - at).find_first_not_of(" \t\r") != std::string::npos) {
      ++lines;
      leading += sample[at] == delim;
    }
    at = end + 1;
  }
  if (leading * 2 > lines) return false;
  std::vector<size_t> sorted = counts;
  std::sort(sorted.begin(), sorted.end());
  size_t mode = 0, mode_n = 0;
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    if (j - i > mode_n) {
      mode = sorted[i];
      mode_n = j - i;
    }
    i = j;
  }
  // Title lines, notes and ragged rows are common in real exports, so half
  // the records agreeing is enough; prose puts a space after its commas.
  bool shaped = mode >= 2 && mode_n >= 3 && mode_n * 2 >= counts.size();
  if (!shaped && counts[0] >= 3) {
    // Exports that leave out trailing empty fields: rows no wider than the
    // header and at least half as wide.
    size_t fit = 0;
    for (size_t c : counts) fit += c <= counts[0] && c * 2 >= counts[0] && c >= 2;
    shaped = fit * 5 >= counts.size() * 4;
  }
  if (!shaped) return false;
  if (delim == ',') {
    size_t commas = 0, spaced = 0;
    for (size_t i = 0; i + 1 < sample.size(); ++i) {
      if (sample[i] != ',') continue;
      ++commas;
      spaced += sample[i + 1] == ' ';
    }
    if (spaced * 2 > commas) return false;
  }
  return true;
}

CsvTableSink::CsvTableSink(Sink* inner, bool only_if_tabular)
    : inner_(inner), only_if_tabular_(only_if_tabular) {}

Status CsvTableSink::AppendText(std::string_view utf8) {
  TAHQIQ_RETURN_IF_ERROR(inner_->AppendText(utf8));
  if (off_) return Status::Ok();
  if (delim_ == 0) {
    // Wait for enough text to see the layout.
    head_.append(utf8);
    if (head_.size() < kCharsetSampleBytes) return Status::Ok();
    return StartParsing(false);
  }
  return Parse(utf8);
}

Status CsvTableSink::Finish() {
  if (off_) return Status::Ok();
  if (delim_ == 0) TAHQIQ_RETURN_IF_ERROR(StartParsing(true));
  if (off_) return Status::Ok();
  if (!field_.empty() || !row_.empty() || field_started_) TAHQIQ_RETURN_IF_ERROR(EndRecord());
  return Status::Ok();
}

Status CsvTableSink::StartParsing(bool whole) {
  std::string head;
  head.swap(head_);
  std::string_view h(head);
  // Excel's "sep=;" first line names the delimiter.
  if (h.size() >= 5 && h.compare(0, 4, "sep=") == 0 && (h.size() == 5 || h[5] == '\n')) {
    delim_ = h[4];
    h.remove_prefix(std::min<size_t>(6, h.size()));
    ++record_;
  } else {
    delim_ = DetectDelimiter(h, whole);
    if (only_if_tabular_ && !LooksTabular(h, whole, delim_)) {
      off_ = true;
      return Status::Ok();
    }
  }
  inner_->AddField("delimiter", delim_ == '\t' ? "tab" : std::string(1, delim_));
  inner_->BeginTable("");
  return Parse(h);
}

Status CsvTableSink::Parse(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (state_) {
      case State::kFieldStart:
        if (c == '"') {
          state_ = State::kQuoted;
          field_started_ = true;
          continue;
        }
        state_ = State::kUnquoted;
        [[fallthrough]];
      case State::kUnquoted:
        if (c == delim_) {
          EndField();
        } else if (c == '\n') {
          TAHQIQ_RETURN_IF_ERROR(EndRecord());
        } else {
          AddChar(c);
        }
        break;
      case State::kQuoted:
        if (c == '"') {
          state_ = State::kQuoteInQuoted;
        } else {
          AddChar(c);
        }
        break;
      case State::kQuoteInQuoted:
        if (c == '"') {  // "" is a literal quote.
          AddChar('"');
          state_ = State::kQuoted;
        } else if (c == delim_) {
          EndField();
        } else if (c == '\n') {
          TAHQIQ_RETURN_IF_ERROR(EndRecord());
        } else {
          // A stray quote inside a field: keep both, as spreadsheet programs do.
          AddChar('"');
          AddChar(c);
          state_ = State::kUnquoted;
        }
        break;
    }
  }
  return Status::Ok();
}

void CsvTableSink::AddChar(char c) {
  field_started_ = true;
  if (field_.size() < kMaxFieldBytes) field_ += c;
}

void CsvTableSink::EndField() {
  if (row_.size() < kMaxCells) {
    Cell cell;
    if (!field_.empty()) {
      cell.kind = Cell::kText;
      cell.value = std::move(field_);
    }
    row_.push_back(std::move(cell));
  }
  field_.clear();
  field_started_ = false;
  state_ = State::kFieldStart;
}

Status CsvTableSink::EndRecord() {
  EndField();
  ++record_;
  const bool blank =
      std::all_of(row_.begin(), row_.end(), [](const Cell& c) { return c.kind == Cell::kEmpty; });
  Status st;
  if (!blank) {
    // A cut field may have ended inside a UTF-8 sequence.
    for (Cell& cell : row_) {
      if (cell.value.size() >= kMaxFieldBytes) cell.value.resize(Utf8SafePrefix(cell.value));
    }
    st = inner_->AddRow(record_, row_);
  }
  row_.clear();
  return st;
}

}  // namespace tahqiq::extract::internal

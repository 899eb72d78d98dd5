#include "ingest/figures.h"

#include <algorithm>
#include <utility>

#include "analyze/figures.h"

namespace tahqiq::ingest {

void FigureCollector::AddChunk(std::string_view text) {
  const std::vector<analyze::Figure> found = analyze::FindFigures(text);
  size_t counted = 0;  // bytes of `text` whose form feeds are in formfeeds_
  for (const analyze::Figure& f : found) {
    formfeeds_ +=
        static_cast<uint32_t>(std::count(text.begin() + static_cast<ptrdiff_t>(counted),
                                         text.begin() + static_cast<ptrdiff_t>(f.start), '\f'));
    counted = f.start;
    store::FigureRecord r;
    r.kind = std::string(analyze::FigureKindName(f.kind));
    r.value = f.value;
    r.date = f.date;
    r.from = f.from;
    r.to = f.to;
    analyze::DateBounds(f, &r.date_lo, &r.date_hi);
    r.unit = f.unit;
    r.currency = f.currency;
    r.approx = f.approx;
    r.text = f.text;
    r.start = offset_ + f.start;
    r.end = offset_ + f.end;
    r.page = formfeeds_ + 1;
    figures_.push_back(std::move(r));
  }
  formfeeds_ += static_cast<uint32_t>(
      std::count(text.begin() + static_cast<ptrdiff_t>(counted), text.end(), '\f'));
  offset_ += text.size();
}

std::vector<store::FigureRecord> FigureCollector::Take() {
  if (formfeeds_ == 0) {
    for (store::FigureRecord& r : figures_) r.page = 0;
  }
  std::vector<store::FigureRecord> out = std::move(figures_);
  *this = FigureCollector();
  return out;
}

Status RefreshFigures(store::Store& store, int64_t doc_id) {
  FigureCollector collector;
  TAHQIQ_RETURN_IF_ERROR(store.ReadChunks(doc_id, [&](const store::TextChunk& c) {
    collector.AddChunk(c.text);
    return Status::Ok();
  }));
  TAHQIQ_RETURN_IF_ERROR(store.DeleteFigures(doc_id));
  return store.AddFigures(doc_id, collector.Take());
}

}  // namespace tahqiq::ingest

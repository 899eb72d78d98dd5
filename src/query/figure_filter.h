// Figure filters in search queries (issue 4):
//
//   money>=1000000  money<5000  percent>50  ratio>=10  quantity>=1000
//   currency:USD    (a money figure in this ISO 4217 currency)
//   unit:hour       (a quantity in this canonical unit: hour, day, GB, user...)
//   date:2023-10..2024-06  date:2023  date:2023-10-05  date:..2019  date:2020..
//
// Values take an optional scale suffix (10k, 5m, 1.5bn) and thousands
// commas. Constraints on the same kind combine on ONE figure: "money>=1m
// money<5m currency:USD" wants a single USD amount in that range;
// currency: implies money and unit: implies quantity. Different kinds must
// each be met by some figure of the document (AND). A date filter matches
// dates and date ranges that overlap it; dates without a year do not match.
// Figure filters apply to the whole query: they cannot stand inside
// parentheses or next to OR/NOT.
#ifndef TAHQIQ_QUERY_FIGURE_FILTER_H_
#define TAHQIQ_QUERY_FIGURE_FILTER_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace tahqiq::query {

// Removes the figure filters from `*text` (each replaced by spaces, so the
// columns of the rest stay valid) and returns one FigureQuery per kind.
// kInvalidArgument, naming the filter and its column, for a malformed one.
Result<std::vector<store::FigureQuery>> ExtractFigureFilters(std::string* text);

}  // namespace tahqiq::query

#endif  // TAHQIQ_QUERY_FIGURE_FILTER_H_

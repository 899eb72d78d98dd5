// `tahqiq figures`: lists the typed figures (amounts, quantities,
// percentages, ratios, dates) found in a case's documents (issue 4).
#ifndef TAHQIQ_APP_FIGURES_CMD_H_
#define TAHQIQ_APP_FIGURES_CMD_H_

#include <CLI/CLI.hpp>

namespace tahqiq::app {

// Adds the `figures` subcommand to `app`. When chosen, it runs during
// app.parse() and ends parsing with CLI::RuntimeError(exit code), which
// app.exit() turns into the exit code without printing anything.
void AddFiguresCommand(CLI::App& app);

}  // namespace tahqiq::app

#endif  // TAHQIQ_APP_FIGURES_CMD_H_

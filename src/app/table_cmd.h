// The `tahqiq table` subcommands (list, schema, query, compare).
#ifndef TAHQIQ_APP_TABLE_CMD_H_
#define TAHQIQ_APP_TABLE_CMD_H_

#include <CLI/CLI.hpp>
#include <functional>

namespace tahqiq::app {

// Adds `table` and its subcommands to `app`. After app.parse(), calling the
// returned function runs the chosen one and gives its exit code, or -1 if
// no table subcommand was chosen.
std::function<int()> AddTableCommands(CLI::App* app);

}  // namespace tahqiq::app

#endif  // TAHQIQ_APP_TABLE_CMD_H_

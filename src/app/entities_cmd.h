// The `entities` and `watchlist` subcommands (entities_cmd.cc).
#ifndef TAHQIQ_APP_ENTITIES_CMD_H_
#define TAHQIQ_APP_ENTITIES_CMD_H_

#include <CLI/CLI.hpp>
#include <functional>

namespace tahqiq::app {

// Adds the subcommands to `app`; after parsing, the returned function runs
// the one selected and returns its exit code, or -1 if none was.
std::function<int()> AddEntityCommands(CLI::App& app);

}  // namespace tahqiq::app

#endif  // TAHQIQ_APP_ENTITIES_CMD_H_

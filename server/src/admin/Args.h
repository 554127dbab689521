// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace yanghu::admin {

// Command-line words split into positionals and --options. An option takes a value
// ("--scale 10" or "--scale=10") unless it is declared a flag. Unknown options are an error,
// so a typo never silently falls back to a default.
class Args {
public:
    // Throws UsageError naming the offending word.
    Args(const std::vector<std::string>& words, const std::set<std::string>& valueOptions,
         const std::set<std::string>& flags = {});

    const std::vector<std::string>& positionals() const { return m_positionals; }
    std::optional<std::string> value(const std::string& option) const;
    std::string value(const std::string& option, const std::string& fallback) const;
    bool flag(const std::string& option) const { return m_flags.count(option) != 0; }
    // Parses an integer option in [min, max]; throws UsageError otherwise.
    long long integer(const std::string& option, long long fallback, long long min, long long max) const;

private:
    std::vector<std::string> m_positionals;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

struct UsageError {
    std::string message;
};

} // namespace yanghu::admin

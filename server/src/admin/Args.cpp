// SPDX-License-Identifier: MIT
#include "admin/Args.h"

#include <charconv>

namespace yanghu::admin {

Args::Args(const std::vector<std::string>& words, const std::set<std::string>& valueOptions,
           const std::set<std::string>& flags)
{
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w.size() < 3 || w.compare(0, 2, "--") != 0) {
            m_positionals.push_back(w);
            continue;
        }
        std::string name = w.substr(2);
        std::optional<std::string> inlineValue;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        if (flags.count(name)) {
            if (inlineValue) throw UsageError{"option --" + name + " takes no value"};
            m_flags.insert(name);
        } else if (valueOptions.count(name)) {
            if (inlineValue) {
                m_values[name] = *inlineValue;
            } else {
                if (i + 1 >= words.size()) throw UsageError{"option --" + name + " needs a value"};
                m_values[name] = words[++i];
            }
        } else {
            throw UsageError{"unknown option --" + name};
        }
    }
}

std::optional<std::string> Args::value(const std::string& option) const
{
    auto it = m_values.find(option);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::string Args::value(const std::string& option, const std::string& fallback) const
{
    return value(option).value_or(fallback);
}

long long Args::integer(const std::string& option, long long fallback, long long min, long long max) const
{
    auto text = value(option);
    if (!text) return fallback;
    long long v = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc{} || end != text->data() + text->size() || v < min || v > max)
        throw UsageError{"--" + option + " must be an integer from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", got '" + *text + "'"};
    return v;
}

} // namespace yanghu::admin

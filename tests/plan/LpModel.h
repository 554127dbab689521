// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

// What the two reference models (Milp.cpp, Relaxation.cpp) share: writing CPLEX-LP text and
// running Debian's `cbc` on it.
namespace yanghu::plan::testkit {

// The LP format wants short lines; terms are written a few to a line. A row is buffered and
// dropped when it has no terms (the format has no empty rows).
class LpWriter {
public:
    explicit LpWriter(std::ostream& out) : m_out(out) {}
    void term(double coefficient, const std::string& var);
    void begin(const std::string& name);
    void end(const char* sense, long long rhs);
    // The objective has no sense or right-hand side.
    void endObjective() { m_out << m_row.str() << '\n'; }
    // A "Binaries" (or "General") section listing `names`.
    void section(const char* title, const std::vector<std::string>& names);
    std::ostream& out() { return m_out; }

private:
    std::ostream& m_out;
    std::ostringstream m_row;
    int m_terms = 0;
};

struct CbcRun {
    bool solved = false;     // CBC returned a solution
    bool optimal = false;    // ... and proved it optimal
    bool infeasible = false; // CBC proved there is no solution (not: ran out of time)
    double objective = 0;
    double bound = 0; // CBC's lower bound (= objective when optimal)
    double seconds = 0;
    std::string log;
    std::vector<std::pair<std::string, double>> values; // the variables CBC set above zero
};

// Runs `cbc` single-threaded on `model` with a time limit; its log and solution go to `workDir`.
CbcRun runCbc(const std::filesystem::path& model, const std::filesystem::path& workDir, double timeLimitSeconds);

} // namespace yanghu::plan::testkit

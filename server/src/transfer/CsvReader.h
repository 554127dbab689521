// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace yanghu::transfer {

// A streaming RFC 4180 reader: quoted fields, doubled quotes, delimiters and line breaks inside
// quotes. Accepts CRLF, LF and lone CR line ends and strips one UTF-8 BOM at the very start.
// Bytes are passed through unchanged (UTF-8 stays UTF-8).
//
// Leniencies, chosen to match what spreadsheets write and read: a quote inside an unquoted
// field is kept literally; text after a closing quote is appended to the field; physical lines
// that are completely empty are skipped (they are neither records nor errors).
//
// Ownership: the string_views returned by fields() point into the reader's own record buffer
// and stay valid until the next call of next(). Buffers are reused from record to record, so
// steady-state reading does not allocate.
class CsvReader {
public:
    enum class Status {
        Record,    // fields() holds a record
        BadRecord, // a complete record whose field count differs from expectFieldCount();
                   // fields() holds it and error() says why; reading may continue
        End,       // no more input
        Broken,    // the input cannot be read further (unterminated quote, stream failure);
                   // error() says why and where; every later call returns Broken again
    };

    // A stable code (from ErrorCodes.h) with params; `line` is the 1-based physical line on
    // which the offending record starts.
    struct Problem {
        int line = 0;
        std::string code;
        std::map<std::string, std::string> params;
    };

    explicit CsvReader(std::istream& in, char delimiter = ',');
    explicit CsvReader(std::string_view text, char delimiter = ',');
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    Status next();

    const std::vector<std::string_view>& fields() const { return m_fields; }
    // 1-based physical line on which the current record starts (lines count LF, CRLF and CR).
    int line() const { return m_recordLine; }
    const Problem& error() const { return m_problem; }

    // Records with another field count are reported as BadRecord. 0 (default) = any count.
    void expectFieldCount(std::size_t count) { m_expectedCount = count; }

private:
    bool fill(); // makes at least one unread byte available; false at end of input
    void endField();

    std::istream* m_in = nullptr;
    char m_delimiter;
    std::string m_chunk;       // read buffer for stream input
    const char* m_pos = nullptr;
    const char* m_end = nullptr;
    bool m_started = false;    // BOM check done
    bool m_broken = false;
    bool m_pendingCr = false;  // last byte consumed was a CR ending a line: swallow one LF

    std::string m_record;      // the current record's field bytes, back to back
    std::vector<std::size_t> m_bounds; // end offset of each field in m_record
    std::vector<std::string_view> m_fields;
    int m_line = 1;            // physical line of the next unread byte
    int m_recordLine = 0;
    std::size_t m_expectedCount = 0;
    Problem m_problem;
};

} // namespace yanghu::transfer

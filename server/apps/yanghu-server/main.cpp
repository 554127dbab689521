// SPDX-License-Identifier: MIT
#include "Version.h"

#include <iostream>

// The REST server arrives with the server issue (#3); until then this binary only says so,
// so nobody mistakes it for a running server.
int main()
{
    std::cerr << "yanghu-server " << yanghu::server::productVersion()
              << ": the HTTP API is not built yet; use yanghu-admin for the database.\n";
    return 1;
}

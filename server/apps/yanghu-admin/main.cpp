// SPDX-License-Identifier: MIT
#include "admin/AdminCli.h"

#include <iostream>

int main(int argc, char* argv[])
{
    yanghu::SystemClock clock;
    yanghu::admin::AdminIo io{std::cin, std::cout, std::cerr, clock};
    return yanghu::admin::runAdmin(std::vector<std::string>(argv + 1, argv + argc), io);
}

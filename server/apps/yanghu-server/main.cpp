// SPDX-License-Identifier: MIT
#include "app/ServerApp.h"

#include <csignal>

#include <pthread.h>

int main(int argc, char** argv)
{
    // SIGTERM/SIGINT are taken by waitForTerminationRequest(); blocked here, before any thread
    // starts, so one arriving during start-up waits for it instead of killing the process
    // mid-write. Every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    yanghu::server::ServerApp app;
    return app.run(argc, argv);
}

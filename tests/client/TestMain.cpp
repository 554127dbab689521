// SPDX-License-Identifier: MIT
// The client tests need a QCoreApplication (Qt Network, Qt Sql drivers); GoogleTest runs
// inside it.
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

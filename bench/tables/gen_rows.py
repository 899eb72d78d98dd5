#!/usr/bin/env python3
"""Writes N rows of a cloud consumption export (the AWS CUR column subset a
reporter would get: usage date, account, product, usage type, amount, unit,
cost, currency) to stdout. Deterministic. Usage: gen_rows.py N"""
import datetime, random, sys

n = int(sys.argv[1])
rng = random.Random(8200)
products = [("AmazonS3", "TimedStorage-ByteHrs", "GB-Mo"), ("AmazonEC2", "BoxUsage:m5.xlarge", "Hrs"),
            ("AmazonSageMaker", "ml.p4d.24xlarge", "Hrs"), ("AWSDataTransfer", "DataTransfer-Out-Bytes", "GB"),
            ("AmazonRDS", "InstanceUsage:db.r6g.large", "Hrs")]
accounts = ["%012d" % rng.randrange(10**11, 10**12) for _ in range(40)]
start = datetime.date(2022, 1, 1)
out = sys.stdout
out.write("lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,"
          "lineItem/UsageType,lineItem/UsageAmount,pricing/unit,lineItem/UnblendedCost,"
          "lineItem/CurrencyCode\n")
buf = []
days = 3 * 365
for i in range(n):
    d = start + datetime.timedelta(days=(i * days) // n)
    p = products[i % 5]
    amount = rng.random() * 100
    buf.append("%sT00:00:00Z,%s,%s,%s,%.4f,%s,%.6f,USD\n" % (
        d.isoformat(), accounts[i % 40], p[0], p[1], amount, p[2], amount * 0.07))
    if len(buf) >= 100000:
        out.write("".join(buf))
        buf = []
out.write("".join(buf))

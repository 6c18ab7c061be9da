"""`osls package` offline: the CloudFormation template, cfn-lint, and the zip it points at.

Slow: it builds the real artifact from the aarch64 wheels `make lambda-wheels`
downloaded, and runs osls with no AWS credentials, inside a network namespace
with only loopback when the machine allows one (root), so nothing reaches AWS.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHEELS = ROOT / "build" / "lambda-wheels"
OSLS = ROOT / "node_modules" / ".bin" / "osls"
LAMBDA_LIMIT = 250 * 1024 * 1024
EM_AARCH64 = 183
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"

pytestmark = pytest.mark.slow


def offline_prefix() -> list[str]:
    """`unshare -n` (a network namespace with only loopback) where the machine allows it."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, check=False)
    return [unshare, "-n"] if probe.returncode == 0 else []


def no_aws_environment() -> dict[str, str]:
    """This environment without AWS credentials or profiles."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "FEEDS_"))}
    env.update(AWS_ACCESS_KEY_ID="", AWS_SECRET_ACCESS_KEY="", AWS_SESSION_TOKEN="")
    env["AWS_SHARED_CREDENTIALS_FILE"] = env["AWS_CONFIG_FILE"] = os.devnull
    return env


@pytest.fixture(scope="session")
def packaged(tmp_path_factory, artifact_zip: Path) -> dict[str, Any]:
    """The artifact built from the bundled content, and what `osls package` made of it."""
    assert OSLS.exists(), "osls is not installed: run `make node-deps`"
    work = tmp_path_factory.mktemp("package")
    zip_path = artifact_zip
    prefix = offline_prefix()
    result = subprocess.run(
        [*prefix, str(OSLS), "package", "--stage", "test", f"--param=artifact={zip_path}",
         "--package", str(work / "stack")],
        cwd=ROOT, env=no_aws_environment(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    template = json.loads(
        (work / "stack" / "cloudformation-template-update-stack.json").read_text()
    )
    return {
        "zip": zip_path,
        "stack": work / "stack",
        "template": template,
        "resources": template["Resources"],
        "offline": bool(prefix),
    }


def test_package_runs_without_credentials_or_network(packaged):
    stack = packaged["stack"]
    assert sorted(p.name for p in stack.iterdir()) == [
        "cloudformation-template-create-stack.json",
        "cloudformation-template-update-stack.json",
        "serverless-state.json",
    ]
    assert packaged["offline"] or os.geteuid() != 0  # as root, the namespace must be used


def test_cfn_lint_finds_no_errors_and_only_the_named_warnings(packaged):
    templates = sorted(str(p) for p in packaged["stack"].glob("cloudformation-*.json"))
    lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run(
        [str(lint), *templates], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    # Without .cfnlintrc's ignores only W3005 (osls's own) appears: nothing else is hidden.
    bare = subprocess.run(
        [str(lint), "--ignore-checks", "NONE", "--", *templates],
        cwd="/",
        capture_output=True,
        text=True,
        timeout=300,
    )
    codes = {line.split()[0] for line in bare.stdout.splitlines() if line[:1] in "EWI" and line}
    assert codes == {"W3005"}, bare.stdout


def test_the_zip_holds_code_content_snapshot_and_only_aarch64_extensions(packaged):
    with zipfile.ZipFile(packaged["zip"]) as archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        extensions = [n for n in names if n.endswith(".so") or ".so." in n]
        machines = {n: _elf_machine(archive.read(n)[:20]) for n in extensions}
    assert {
        "feeds/lambda_handler.py",
        "feeds/snapshot_disk.py",
        "content/site.yaml",
        "content/editions/025.yaml",
        "snapshot/snapshot.json",
        "snapshot/api-index.json.gz",
        "mangum/__init__.py",
        "starlette/__init__.py",
    } <= names
    assert extensions, "the package should hold compiled extensions (PyYAML, lxml, nh3)"
    assert machines == dict.fromkeys(extensions, EM_AARCH64)
    assert sum(info.file_size for info in infos) < LAMBDA_LIMIT
    assert not [n for n in names if "cpython-311" in n or n.startswith(("bin/", "boto3/"))]


def _elf_machine(header: bytes) -> int | None:
    if header[:4] != b"\x7fELF":
        return None
    return int.from_bytes(header[18:20], "little" if header[5] == 1 else "big")


def test_http_function_and_its_catch_all_routes(packaged):
    resources = packaged["resources"]
    function = resources["HttpLambdaFunction"]["Properties"]
    assert (
        function["Handler"],
        function["Runtime"],
        function["Architectures"],
        function["MemorySize"],
        function["Timeout"],
    ) == ("feeds.lambda_handler.http", "python3.12", ["arm64"], 1024, 10)
    assert function["Code"]["S3Key"].endswith("/bulletin-feeds.zip")
    routes = {
        r["Properties"]["RouteKey"]
        for r in resources.values()
        if r["Type"] == "AWS::ApiGatewayV2::Route"
    }
    assert routes == {"ANY /", "ANY /{proxy+}"}
    integration = resources["HttpApiIntegrationHttp"]["Properties"]
    assert integration["PayloadFormatVersion"] == "2.0"
    assert not any(r["Type"] == "AWS::Lambda::LayerVersion" for r in resources.values())


def test_environment_values_are_plain_strings(packaged):
    resources = packaged["resources"]
    http = resources["HttpLambdaFunction"]["Properties"]["Environment"]["Variables"]
    check = resources["CheckLinksLambdaFunction"]["Properties"]["Environment"]["Variables"]
    assert http == {
        "FEEDS_BASE_URL": "",
        "FEEDS_CONTENT_DIR": "content",
        "FEEDS_REPORT_BUCKET": "bulletin-feeds-test-link-reports",
        "FEEDS_SNAPSHOT_DIR": "snapshot",
    }
    assert check == {
        "FEEDS_BASE_URL": "",
        "FEEDS_CONTENT_DIR": "content",
        "FEEDS_REPORT_BUCKET": "bulletin-feeds-test-link-reports",
    }
    assert resources["ReportBucket"]["Properties"]["BucketName"] == http["FEEDS_REPORT_BUCKET"]


def test_check_links_is_scheduled_daily_in_london_with_no_retries(packaged):
    resources = packaged["resources"]
    function = resources["CheckLinksLambdaFunction"]["Properties"]
    assert (function["Handler"], function["ReservedConcurrentExecutions"], function["Timeout"]) == (
        "feeds.lambda_handler.check_links",
        1,
        900,
    )
    invoke = resources["CheckLinksLambdaEvConf"]["Properties"]
    assert (invoke["MaximumRetryAttempts"], invoke["Qualifier"]) == (0, "$LATEST")
    schedule = resources["CheckLinksSchedulerSchedule1"]["Properties"]
    assert (
        schedule["ScheduleExpression"],
        schedule["ScheduleExpressionTimezone"],
        schedule["State"],
        schedule["FlexibleTimeWindow"],
    ) == ("cron(0 6 * * ? *)", "Europe/London", "ENABLED", {"Mode": "OFF"})
    assert schedule["Target"] == {
        "Arn": {"Fn::GetAtt": ["CheckLinksLambdaFunction", "Arn"]},
        "RoleArn": {"Fn::GetAtt": ["CheckLinksSchedulerRole", "Arn"]},
        "RetryPolicy": {"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 3600},
    }


def test_report_bucket_is_private_encrypted_and_expires_old_reports(packaged):
    bucket = packaged["resources"]["ReportBucket"]["Properties"]
    assert bucket["PublicAccessBlockConfiguration"] == dict.fromkeys(
        ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"),
        True,
    )
    encryption = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert encryption == [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
    (rule,) = bucket["LifecycleConfiguration"]["Rules"]
    assert (rule["Status"], rule["Prefix"], rule["NoncurrentVersionExpiration"]) == (
        "Enabled",
        "link-reports/",
        {"NoncurrentDays": 90},
    )


def _statements(role: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        s
        for policy in role["Properties"]["Policies"]
        for s in policy["PolicyDocument"]["Statement"]
    ]


def test_each_function_has_only_what_it_needs(packaged):
    resources = packaged["resources"]
    assert "IamRoleLambdaExecution" not in resources  # no shared role
    assert resources["HttpLambdaFunction"]["Properties"]["Role"] == {
        "Fn::GetAtt": ["HttpRole", "Arn"]
    }
    assert resources["CheckLinksLambdaFunction"]["Properties"]["Role"] == {
        "Fn::GetAtt": ["CheckLinksRole", "Arn"]
    }
    reports = {"Fn::Sub": "${ReportBucket.Arn}/link-reports/*"}
    listing = {
        "Effect": "Allow",
        "Action": "s3:ListBucket",
        "Resource": {"Fn::GetAtt": ["ReportBucket", "Arn"]},
        "Condition": {"StringLike": {"s3:prefix": "link-reports/*"}},
    }
    http = _statements(resources["HttpRole"])
    check = _statements(resources["CheckLinksRole"])
    assert http[1:] == [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": reports},
        listing,
    ]
    assert check[1:] == [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": reports},
        listing,
    ]
    for statement in (http[0], check[0]):
        assert statement["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    assert _statements(resources["CheckLinksSchedulerRole"]) == [
        {
            "Effect": "Allow",
            "Action": "lambda:InvokeFunction",
            "Resource": {"Fn::GetAtt": ["CheckLinksLambdaFunction", "Arn"]},
        }
    ]
    every = [s for r in resources.values() if r["Type"] == "AWS::IAM::Role" for s in _statements(r)]
    assert not [s for s in every if "*" in json.dumps(s["Action"])]


def test_cloudfront_honours_origin_caching_keys_queries_and_never_host(packaged):
    resources = packaged["resources"]
    policy = resources["CachePolicy"]["Properties"]["CachePolicyConfig"]
    key = policy["ParametersInCacheKeyAndForwardedToOrigin"]
    assert (policy["MinTTL"], policy["DefaultTTL"], policy["MaxTTL"]) == (0, 0, 31536000)
    assert key == {
        "EnableAcceptEncodingGzip": True,
        "EnableAcceptEncodingBrotli": True,
        "CookiesConfig": {"CookieBehavior": "none"},
        "HeadersConfig": {"HeaderBehavior": "none"},
        "QueryStringsConfig": {"QueryStringBehavior": "all"},
    }
    config = resources["Distribution"]["Properties"]["DistributionConfig"]
    behaviour = config["DefaultCacheBehavior"]
    assert (
        behaviour["AllowedMethods"],
        behaviour["CachePolicyId"],
        behaviour["OriginRequestPolicyId"],
        behaviour["Compress"],
        behaviour["ViewerProtocolPolicy"],
    ) == (
        ["GET", "HEAD", "OPTIONS"],
        {"Ref": "CachePolicy"},
        ALL_VIEWER_EXCEPT_HOST,
        True,
        "redirect-to-https",
    )
    assert "host" not in json.dumps(key).lower()
    (origin,) = config["Origins"]
    assert origin["DomainName"] == {
        "Fn::Sub": "${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"
    }
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"

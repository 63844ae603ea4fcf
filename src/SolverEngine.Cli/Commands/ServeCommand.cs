using System.CommandLine;
using System.Runtime.InteropServices;
using SolverEngine.Server;

namespace SolverEngine.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "Port (h2c, or TLS with --tls-cert)", DefaultValueFactory = _ => 50051 };
        var cert = new Option<FileInfo>("--tls-cert") { Description = "PKCS#12 certificate: serve TLS (ALPN h2) instead of h2c" };
        var certPassword = new Option<string>("--tls-password") { Description = "Password of the certificate" };
        var jobs = new Option<int?>("--max-concurrent-solves") { Description = "Solves running at once (default: from configuration)" };
        var detailed = new Option<bool>("--detailed-errors") { Description = "Include exception details in INTERNAL errors" };
        var command = new Command("serve", "Run the gRPC server (PlanningService, health, reflection)")
        {
            host, port, cert, certPassword, jobs, detailed,
        };
        command.SetAction(async (parse, ct) =>
        {
            // Settings: appsettings.json < SOLVERENGINE_* environment < flags given on the command line.
            var builder = SolverEngineServer.CreateBuilder();
            var options = builder.Options;
            if (Given(parse, host)) options.Host = parse.GetValue(host)!;
            if (Given(parse, port)) options.Port = parse.GetValue(port);
            if (parse.GetValue(cert) is { } certFile) options.TlsCertificatePath = certFile.FullName;
            if (parse.GetValue(certPassword) is { } password) options.TlsCertificatePassword = password;
            if (parse.GetValue(jobs) is { } maxSolves) options.MaxConcurrentSolves = maxSolves;
            if (parse.GetValue(detailed)) options.DetailedErrors = true;

            SolverEngineServer server;
            try
            {
                server = builder.Build();
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message, ExitCodes.InvalidInput);
            }
            await using (server)
            {
                // Ctrl+C arrives through ct; SIGTERM (docker stop, systemd) is turned into the same stop.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
                {
                    context.Cancel = true;
                    stop.Cancel();
                });
                try
                {
                    await server.StartAsync(ct);
                }
                catch (IOException ex)
                {
                    throw new CliException($"cannot listen on {options.Host}:{options.Port}: {ex.Message}", ExitCodes.Failure);
                }
                var output = parse.InvocationConfiguration.Output;
                foreach (var address in server.Addresses)
                    output.WriteLine($"listening on {address.ToString().TrimEnd('/')}");
                output.Flush();
                await server.WaitForShutdownAsync(stop.Token);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}

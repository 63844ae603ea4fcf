using System.CommandLine;

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
        command.SetAction((parse, ct) => CommonOptions.NotYetAvailable("serve", "gRPC issue"));
        return command;
    }
}

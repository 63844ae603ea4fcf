using SolverEngine.InteropServer;

// dotnet run --project tests/SolverEngine.InteropServer -- --port N   (N = 0 picks a free port)
var port = 0;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--port" && i + 1 < args.Length && int.TryParse(args[i + 1], out var p) && p is >= 0 and <= 65535)
    {
        port = p;
    }
    else if (args[i] == "--port")
    {
        Console.Error.WriteLine("--port needs a number 0-65535, e.g. --port 50051.");
        return 2;
    }
}

await using var app = await InteropServerHost.StartAsync(port);
Console.WriteLine($"Interop server listening on 127.0.0.1:{InteropServerHost.GetPort(app)} (h2c)");
await app.WaitForShutdownAsync();
return 0;

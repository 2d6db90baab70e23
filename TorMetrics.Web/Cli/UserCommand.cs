using System.CommandLine;
using TorMetrics.Web.Identity;

namespace TorMetrics.Web.Cli;

internal static class UserCommand
{
    public static Command Create()
    {
        var email = new Argument<string>("email") { Description = "The operator's e-mail address, used to sign in." };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input instead of prompting.",
        };
        var add = new Command("add", "Create an operator account for the admin UI.") { email, passwordStdin };
        add.SetAction(async (parse, _) =>
        {
            var password = parse.GetValue(passwordStdin) ? Console.In.ReadLine() : PromptPassword();
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("No password given.");
                return 2;
            }

            await using var app = Hosting.TorMetricsWebApplication.Build(["--Jobs:Enabled=false"]);
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AdminAccounts>()
                .CreateAsync(parse.GetValue(email)!, password);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors)
                {
                    await Console.Error.WriteLineAsync(error.Description);
                }

                return 1;
            }

            Console.WriteLine($"Created operator {parse.GetValue(email)}.");
            return 0;
        });

        return new Command("user", "Manage admin UI operators.") { add };
    }

    private static string? PromptPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }

        Console.Write("Password (at least 12 characters): ");
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace TorMetrics.Web.Identity;

/// <summary>Sign-in and sign-out as plain form posts: static SSR pages post here and are redirected back.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/login", LoginAsync);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization();
        return app;
    }

    private static async Task<RedirectHttpResult> LoginAsync(
        [FromForm] string email,
        [FromForm] string password,
        [FromForm] string? returnUrl,
        SignInManager<AdminUser> signIn)
    {
        var user = await signIn.UserManager.FindByEmailAsync(email);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            var reason = result.IsLockedOut ? "locked" : "invalid";
            return TypedResults.LocalRedirect($"/login?error={reason}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
        }

        return TypedResults.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    private static async Task<RedirectHttpResult> LogoutAsync(SignInManager<AdminUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/login");
    }

    // Only local paths: an attacker-supplied absolute URL must not turn the login into an open redirect.
    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/admin/jobs";
}

using Microsoft.AspNetCore.Identity;

namespace TorMetrics.Web.Identity;

/// <summary>Creates operator accounts; used by the <c>user add</c> verb and the first-start seeder.</summary>
public sealed class AdminAccounts(UserManager<AdminUser> users)
{
    public async Task<IdentityResult> CreateAsync(string email, string password)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = "DuplicateEmail",
                Description = $"An operator with e-mail '{email}' already exists.",
            });
        }

        var user = new AdminUser { UserName = email, Email = email, EmailConfirmed = true };
        return await users.CreateAsync(user, password);
    }

    public bool Any() => users.Users.Any();
}

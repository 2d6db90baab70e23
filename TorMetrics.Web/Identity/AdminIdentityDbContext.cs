using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TorMetrics.Domain.Data;

namespace TorMetrics.Web.Identity;

/// <summary>
/// ASP.NET Core Identity's tables, on the same database as everything else (migration 0003).
/// It lives in the web host because sign-in is a web concern; the domain never sees users.
/// </summary>
public sealed class AdminIdentityDbContext(DbContextOptions<AdminIdentityDbContext> options)
    : IdentityDbContext<AdminUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AdminUser>().ToTable("admin_users");
        builder.Entity<IdentityRole>().ToTable("admin_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("admin_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("admin_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("admin_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("admin_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("admin_role_claims");
        SnakeCaseNaming.Apply(builder);
    }
}

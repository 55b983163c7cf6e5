/** The pages of this feature, mounted by App.tsx inside the signed-in layout. */
export const teamsRoutes = <></>;

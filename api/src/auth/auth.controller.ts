import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { AuthContext } from '../common/auth/auth-context';
import { Auth } from '../common/auth/current-user.decorator';
import { Public } from '../common/auth/public.decorator';
import { loadAuthConfig } from '../config';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseView, MeView, RefreshDto } from './dto/login.dto';

/** Read at each login (cheap beside the password check), so the running configuration applies. */
const loginRatePerIp = (): number => loadAuthConfig().loginRatePerIp;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @ApiOperation({ summary: 'Log in with username and password (access and refresh token)' })
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  // Per address, generous (one NAT address for a whole service hall); per account: the lockout
  // after LOGIN_MAX_FAILURES wrong passwords (AuthService.login).
  @Throttle({ default: { limit: loginRatePerIp, ttl: 60_000 } })
  @ApiOkResponse({ type: LoginResponseView })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts' })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  @Post('refresh')
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseView })
  @ApiUnauthorizedResponse({ description: 'Refresh token unknown, expired or already used' })
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @ApiOperation({ summary: 'End the current session' })
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The session ended; its refresh token no longer works' })
  @ApiUnauthorizedResponse({ description: 'Not logged in or session ended' })
  logout(@Auth() auth: AuthContext) {
    return this.auth.logout(auth);
  }

  @Get('me')
  @ApiOperation({ summary: 'The logged-in user with their roles and permission rules' })
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeView })
  @ApiUnauthorizedResponse({ description: 'Not logged in or session ended' })
  me(@Auth() auth: AuthContext) {
    return this.auth.me(auth);
  }
}
